namespace SeedanceBot.Discord.Contracts;

internal sealed record EmbedField(string Name, string Value, bool Inline = false);
