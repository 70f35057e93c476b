namespace SeedanceBot.Core.Quotas;

/// <summary>Limits an admin set for one user or one role; a null field falls back to the next level.</summary>
public sealed record QuotaOverride(int? DailyVideos = null, int? DailySeconds = null, int? MaxConcurrentJobs = null, decimal? DailyBudget = null, decimal? MonthlyBudget = null)
{
    /// <summary>This override's values where set, <paramref name="fallback"/>'s elsewhere.</summary>
    public QuotaLimits Over(QuotaLimits fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new(
            DailyVideos ?? fallback.DailyVideos,
            DailySeconds ?? fallback.DailySeconds,
            MaxConcurrentJobs ?? fallback.MaxConcurrentJobs,
            DailyBudget ?? fallback.DailyBudget,
            MonthlyBudget ?? fallback.MonthlyBudget);
    }
}
