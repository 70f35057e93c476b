namespace SeedanceBot.Core.Quotas;

/// <summary>
/// Limits an admin set for one user or one role; a null field falls back to the next level. A budget has a third state:
/// <see cref="NoDailyBudget"/> / <see cref="NoMonthlyBudget"/> say "no budget here" (<c>/quota budget ... none</c>), so
/// a configured or inherited budget does not apply; an amount, where one is set, wins over the flag.
/// </summary>
public sealed record QuotaOverride(
    int? DailyVideos = null,
    int? DailySeconds = null,
    int? MaxConcurrentJobs = null,
    decimal? DailyBudget = null,
    decimal? MonthlyBudget = null,
    bool NoDailyBudget = false,
    bool NoMonthlyBudget = false)
{
    /// <summary>This override's values where set, <paramref name="fallback"/>'s elsewhere (a "no budget" flag: none).</summary>
    public QuotaLimits Over(QuotaLimits fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new(
            DailyVideos ?? fallback.DailyVideos,
            DailySeconds ?? fallback.DailySeconds,
            MaxConcurrentJobs ?? fallback.MaxConcurrentJobs,
            DailyBudget ?? (NoDailyBudget ? null : fallback.DailyBudget),
            MonthlyBudget ?? (NoMonthlyBudget ? null : fallback.MonthlyBudget));
    }
}
