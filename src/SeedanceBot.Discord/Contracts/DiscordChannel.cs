namespace SeedanceBot.Discord.Contracts;

internal sealed record DiscordChannel(string Id, int? Type = null);
