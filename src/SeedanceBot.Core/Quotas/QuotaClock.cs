namespace SeedanceBot.Core.Quotas;

/// <summary>
/// The daily quota window: midnight to midnight in the configured time zone. Where the clocks change at midnight, the
/// day starts at its first instant: when the clocks jump past a midnight that does not exist, or at the first of two.
/// </summary>
public sealed class QuotaClock(TimeProvider time, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The start of the quota day containing <paramref name="instant"/> (midnight local time, as UTC).</summary>
    public DateTimeOffset DayStart(DateTimeOffset instant) => Start(LocalDate(instant));

    /// <summary>The start of the calendar month containing <paramref name="instant"/> in the zone (its first day's start), for monthly budgets.</summary>
    public DateTimeOffset MonthStart(DateTimeOffset instant)
    {
        var date = LocalDate(instant);
        return Start(date.AddDays(1 - date.Day));
    }

    /// <summary>When the quota day containing <paramref name="instant"/> ends.</summary>
    public DateTimeOffset NextReset(DateTimeOffset instant) => Start(LocalDate(instant).AddDays(1));

    private DateTime LocalDate(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return new DateTime(local.Year, local.Month, local.Day, 0, 0, 0, DateTimeKind.Unspecified);
    }

    /// <summary>The first instant of the local day beginning at <paramref name="midnight"/>.</summary>
    private DateTimeOffset Start(DateTime midnight)
    {
        TimeSpan offset;
        if (zone.IsAmbiguousTime(midnight))
        {
            // Midnight happens twice: the first time is the one with the larger offset.
            offset = zone.GetAmbiguousTimeOffsets(midnight).Max();
        }
        else if (zone.IsInvalidTime(midnight))
        {
            // The clocks jump past midnight: the day starts at the jump, which is midnight at the offset before it.
            offset = zone.GetUtcOffset(midnight.AddHours(-1));
        }
        else
        {
            offset = zone.GetUtcOffset(midnight);
        }

        return new DateTimeOffset(midnight, offset).ToUniversalTime();
    }
}
