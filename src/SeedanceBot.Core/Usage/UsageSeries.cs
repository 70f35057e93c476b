namespace SeedanceBot.Core.Usage;

/// <summary>One stacked layer of the chart: a top user (or everyone else, <see cref="IsOthers"/>), with a value per day.</summary>
public sealed record UsageSeries(string Label, bool IsOthers, IReadOnlyList<int> Videos, IReadOnlyList<int> Seconds, IReadOnlyList<decimal?> Spend);
