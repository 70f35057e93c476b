namespace SeedanceBot.Slack.Contracts;

/// <summary>A message in a thread, as conversations.replies lists it.</summary>
internal sealed record HistoryMessage(string Ts, string? Text = null, IReadOnlyList<HistoryFile>? Files = null);
