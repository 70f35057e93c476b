namespace SeedanceBot.Core.Jobs;

/// <summary>One line of the usage ledger: who generated what, when, and how many seconds. Written once per delivered video.</summary>
public sealed record UsageEntry(
    string JobId,
    string Platform,
    string WorkspaceId,
    string UserId,
    string? UserName,
    int Seconds,
    string PromptExcerpt,
    DateTimeOffset At);
