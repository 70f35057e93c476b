namespace SeedanceBot.Core.Jobs;

/// <summary>
/// One line of the usage ledger: who generated what, when, how many seconds, and what it cost (null when no price
/// applied, or for lines written before costs were kept) in <paramref name="Currency"/>. Written once per delivered video.
/// </summary>
public sealed record UsageEntry(
    string JobId,
    string Platform,
    string WorkspaceId,
    string UserId,
    string? UserName,
    int Seconds,
    string PromptExcerpt,
    DateTimeOffset At,
    decimal? Cost = null,
    string? Currency = null);
