namespace SeedanceBot.Slack.Contracts;

/// <summary>A team, user or channel as an interactive payload names it (a user also names its team). Ids are checked before use.</summary>
internal sealed record SlackRef(string? Id, string? Name = null, string? Username = null, string? TeamId = null);
