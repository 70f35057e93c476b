namespace SeedanceBot.Core.Quotas;

/// <summary>A user's daily allowance, how many of their jobs may run at once, and their money budgets (null: none).</summary>
public sealed record QuotaLimits(int DailyVideos, int DailySeconds, int MaxConcurrentJobs, decimal? DailyBudget = null, decimal? MonthlyBudget = null)
{
    /// <summary>The more generous of two limits, field by field (a member's best role wins).</summary>
    public static QuotaLimits MostGenerous(QuotaLimits a, QuotaLimits b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(
            Math.Max(a.DailyVideos, b.DailyVideos),
            Math.Max(a.DailySeconds, b.DailySeconds),
            Math.Max(a.MaxConcurrentJobs, b.MaxConcurrentJobs),
            Larger(a.DailyBudget, b.DailyBudget),
            Larger(a.MonthlyBudget, b.MonthlyBudget));
    }

    /// <summary>No budget beats any budget.</summary>
    private static decimal? Larger(decimal? a, decimal? b) => a is null || b is null ? null : Math.Max(a.Value, b.Value);
}
