namespace SeedanceBot.Core.Quotas;

/// <summary>Which limit a new job would break.</summary>
public enum QuotaRefusal
{
    DailyVideos,
    DailySeconds,
    ConcurrentJobs,
    WorkspaceDailyVideos,
    WorkspaceDailySeconds,
}
