namespace SeedanceBot.Core.Quotas;

/// <summary>Which limit a new job would break.</summary>
public enum QuotaRefusal
{
    DailyVideos,
    DailySeconds,
    ConcurrentJobs,
    WorkspaceDailyVideos,
    WorkspaceDailySeconds,

    /// <summary>The user's money budget for the day.</summary>
    DailyBudget,

    /// <summary>The user's money budget for the month.</summary>
    MonthlyBudget,

    WorkspaceDailyBudget,

    WorkspaceMonthlyBudget,
}
