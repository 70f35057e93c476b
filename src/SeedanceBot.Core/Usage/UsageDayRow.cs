namespace SeedanceBot.Core.Usage;

/// <summary>A user's delivered videos and seconds on one day of a <see cref="UsageQuery"/> (its index <paramref name="Day"/>).</summary>
/// <param name="Day">Index into the query's days.</param>
/// <param name="UserId">Who.</param>
/// <param name="UserName">The name on their latest ledger line that day, if any.</param>
/// <param name="Videos">Ledger lines (one per delivered video).</param>
/// <param name="Seconds">Generated seconds.</param>
/// <param name="Spend">What it cost, where the ledger knows it; null while the ledger carries no cost.</param>
public sealed record UsageDayRow(int Day, string UserId, string? UserName, int Videos, int Seconds, decimal? Spend = null);
