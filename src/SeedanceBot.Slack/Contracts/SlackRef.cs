namespace SeedanceBot.Slack.Contracts;

/// <summary>A team, user or channel as an interactive payload names it.</summary>
internal sealed record SlackRef(string Id, string? Name = null, string? Username = null);
