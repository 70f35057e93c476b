namespace SeedanceBot.Slack.Contracts;

/// <summary>A file shared in a message, as conversations.replies lists it.</summary>
internal sealed record HistoryFile(string Id, string? Name = null, string? Title = null);
