namespace SeedanceBot.Core.Usage;

/// <summary>
/// The picture of the usage over some days: the store's rows, and the same numbers as stacked series (the
/// <see cref="TopUsers"/> heaviest users by seconds, then one "others" layer). The chart and the CSV both draw on it,
/// so they cannot disagree.
/// </summary>
public sealed record UsageReport(string Title, IReadOnlyList<DateOnly> Days, IReadOnlyList<UsageDayRow> Rows, IReadOnlyList<UsageSeries> Series)
{
    public const int TopUsers = 5;

    public const string OthersLabel = "others";

    /// <summary>Whether any row carries a cost (the chart then draws a third panel).</summary>
    public bool HasSpend => Rows.Any(r => r.Spend is not null);

    public int TotalVideos => Rows.Sum(r => r.Videos);

    public int TotalSeconds => Rows.Sum(r => r.Seconds);

    public decimal? TotalSpend => HasSpend ? Rows.Sum(r => r.Spend ?? 0m) : null;

    /// <summary>Builds the series of <paramref name="rows"/> over <paramref name="days"/> (rows outside the days are ignored).</summary>
    public static UsageReport Build(string title, IReadOnlyList<DateOnly> days, IReadOnlyList<UsageDayRow> rows)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(rows);
        var inRange = rows.Where(r => r.Day >= 0 && r.Day < days.Count).ToList();
        var byUser = inRange.GroupBy(r => r.UserId, StringComparer.Ordinal)
            .Select(g => (UserId: g.Key, Name: g.OrderBy(r => r.Day).Last().UserName, Seconds: g.Sum(r => r.Seconds), Videos: g.Sum(r => r.Videos)))
            .OrderByDescending(u => u.Seconds).ThenByDescending(u => u.Videos).ThenBy(u => u.UserId, StringComparer.Ordinal)
            .ToList();
        var top = byUser.Take(TopUsers).ToList();
        var series = top.Select(u => Layer(Label(u.Name, u.UserId), false, days.Count, inRange.Where(r => r.UserId == u.UserId))).ToList();
        if (byUser.Count > TopUsers)
        {
            var topIds = top.Select(u => u.UserId).ToHashSet(StringComparer.Ordinal);
            series.Add(Layer(OthersLabel, true, days.Count, inRange.Where(r => !topIds.Contains(r.UserId))));
        }

        return new UsageReport(title, days, inRange, series);
    }

    private static string Label(string? name, string userId) => string.IsNullOrWhiteSpace(name) ? userId : name;

    private static UsageSeries Layer(string label, bool others, int days, IEnumerable<UsageDayRow> rows)
    {
        var videos = new int[days];
        var seconds = new int[days];
        var spend = new decimal?[days];
        foreach (var row in rows)
        {
            videos[row.Day] += row.Videos;
            seconds[row.Day] += row.Seconds;
            if (row.Spend is { } cost)
            {
                spend[row.Day] = (spend[row.Day] ?? 0m) + cost;
            }
        }

        return new UsageSeries(label, others, videos, seconds, spend);
    }
}
