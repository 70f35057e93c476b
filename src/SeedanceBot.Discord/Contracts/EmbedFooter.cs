namespace SeedanceBot.Discord.Contracts;

internal sealed record EmbedFooter(string Text);
