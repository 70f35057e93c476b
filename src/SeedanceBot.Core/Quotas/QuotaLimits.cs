namespace SeedanceBot.Core.Quotas;

/// <summary>A user's daily allowance and how many of their jobs may run at once.</summary>
public sealed record QuotaLimits(int DailyVideos, int DailySeconds, int MaxConcurrentJobs)
{
    /// <summary>The more generous of two limits, field by field (a member's best role wins).</summary>
    public static QuotaLimits MostGenerous(QuotaLimits a, QuotaLimits b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(Math.Max(a.DailyVideos, b.DailyVideos), Math.Max(a.DailySeconds, b.DailySeconds), Math.Max(a.MaxConcurrentJobs, b.MaxConcurrentJobs));
    }
}
