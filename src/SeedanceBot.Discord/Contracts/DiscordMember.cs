namespace SeedanceBot.Discord.Contracts;

/// <summary>A guild member on an interaction: roles and the permission bit set (a decimal string).</summary>
internal sealed record DiscordMember(DiscordUser? User, IReadOnlyList<string>? Roles = null, string? Permissions = null, string? Nick = null);
