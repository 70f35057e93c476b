using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Core.Usage;

/// <summary>
/// What <see cref="IUsageHistory.UsageByDayAsync"/> reads: a workspace's ledger between <see cref="Bounds"/>[0] and the
/// last bound (UTC instants in ascending order: n days have n + 1 bounds; day i is [Bounds[i], Bounds[i + 1])), for one
/// user or everyone.
/// </summary>
public sealed record UsageQuery(string Platform, string WorkspaceId, IReadOnlyList<DateTimeOffset> Bounds, string? UserId = null)
{
    public int Days => Math.Max(0, Bounds.Count - 1);

    /// <summary>The day index of <paramref name="at"/>, or -1 outside the range (one rule for every store).</summary>
    public int DayOf(DateTimeOffset at)
    {
        if (Bounds.Count < 2 || at < Bounds[0] || at >= Bounds[^1])
        {
            return -1;
        }

        var day = 0;
        while (at >= Bounds[day + 1])
        {
            day++;
        }

        return day;
    }

    /// <summary>
    /// Groups ledger lines already read for this query (a store that reads rows rather than grouping in its engine):
    /// lines of other workspaces, users or days are skipped; a day's name is its latest line's; its spend is the sum of
    /// the lines' costs, null when none of them carries one (lines written before costs were kept).
    /// </summary>
    public IReadOnlyList<UsageDayRow> Group(IEnumerable<UsageEntry> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return
        [
            .. lines.Where(l => l.Platform == Platform && l.WorkspaceId == WorkspaceId && (UserId is null || l.UserId == UserId))
                .Select(l => (Line: l, Day: DayOf(l.At)))
                .Where(x => x.Day >= 0)
                .GroupBy(x => (x.Day, x.Line.UserId))
                .Select(g => new UsageDayRow(
                    g.Key.Day,
                    g.Key.UserId,
                    g.MaxBy(x => x.Line.At).Line.UserName,
                    g.Count(),
                    g.Sum(x => x.Line.Seconds),
                    g.Any(x => x.Line.Cost is not null) ? g.Sum(x => x.Line.Cost ?? 0m) : null))
                .OrderBy(r => r.Day).ThenBy(r => r.UserId, StringComparer.Ordinal),
        ];
    }
}
