namespace SeedanceBot.Core.Quotas;

/// <summary>The daily quota window: midnight to midnight in the configured time zone.</summary>
public sealed class QuotaClock(TimeProvider time, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The start of the quota day containing <paramref name="instant"/> (midnight local time, as UTC).</summary>
    public DateTimeOffset DayStart(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var midnight = new DateTime(local.Year, local.Month, local.Day, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>When the quota day containing <paramref name="instant"/> ends.</summary>
    public DateTimeOffset NextReset(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var nextMidnight = new DateTime(local.Year, local.Month, local.Day, 0, 0, 0, DateTimeKind.Unspecified).AddDays(1);
        return new DateTimeOffset(nextMidnight, zone.GetUtcOffset(nextMidnight)).ToUniversalTime();
    }
}
