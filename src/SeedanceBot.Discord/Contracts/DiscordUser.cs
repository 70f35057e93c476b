namespace SeedanceBot.Discord.Contracts;

/// <summary>A user as interactions and messages carry it.</summary>
internal sealed record DiscordUser(string Id, string? Username = null, string? GlobalName = null, bool? Bot = null);
