namespace SeedanceBot.Core.Usage;

/// <summary>
/// The usage ledger read back by day, for <c>/usage</c>. The store only groups: Core gives the days' boundaries (from
/// <see cref="Quotas.QuotaClock"/>, so a day is the quota day, 23 or 25 hours on DST change days), the store counts each
/// ledger line in the day it falls in, reading only the asked range through an index (never the whole history).
/// </summary>
public interface IUsageHistory
{
    /// <summary>One row per day and user that has ledger lines in <see cref="UsageQuery.Bounds"/>, ordered by day then user id.</summary>
    Task<IReadOnlyList<UsageDayRow>> UsageByDayAsync(UsageQuery query, CancellationToken cancellationToken);
}
