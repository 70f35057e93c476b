namespace SeedanceBot.Slack.Contracts;

/// <summary>The part of users.info the bot reads: workspace admin and owner flags (a workspace role, not a channel one).</summary>
internal sealed record SlackUser(string Id, string? Name = null, bool IsAdmin = false, bool IsOwner = false, bool IsPrimaryOwner = false);
