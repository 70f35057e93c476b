using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Core.Tests.Quotas;

/// <summary>
/// The quota day runs from midnight to midnight in the configured zone, also on days that are 23 or 25 hours long, and
/// in zones whose clocks change at midnight itself (the day then starts when the clocks jump, or at the first midnight).
/// </summary>
public sealed class QuotaClockTests
{
    public static TheoryData<string, string, string, string> Days => new()
    {
        // zone, instant (UTC), start of its quota day (UTC), next reset (UTC)
        { "UTC", "2026-03-15T10:00:00Z", "2026-03-15T00:00:00Z", "2026-03-16T00:00:00Z" },
        { "UTC", "2026-03-15T00:00:00Z", "2026-03-15T00:00:00Z", "2026-03-16T00:00:00Z" },
        { "UTC", "2026-03-14T23:59:59.9999999Z", "2026-03-14T00:00:00Z", "2026-03-15T00:00:00Z" },
        { "Europe/Berlin", "2026-03-15T22:59:59Z", "2026-03-14T23:00:00Z", "2026-03-15T23:00:00Z" },
        { "Europe/Berlin", "2026-03-15T23:00:00Z", "2026-03-15T23:00:00Z", "2026-03-16T23:00:00Z" },

        // Berlin springs forward at 02:00 (a 23-hour day) and falls back at 03:00 (25 hours).
        { "Europe/Berlin", "2026-03-29T12:00:00Z", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z" },
        { "Europe/Berlin", "2026-03-29T21:59:59Z", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z" },
        { "Europe/Berlin", "2026-03-29T22:00:00Z", "2026-03-29T22:00:00Z", "2026-03-30T22:00:00Z" },
        { "Europe/Berlin", "2026-10-25T12:00:00Z", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z" },
        { "Europe/Berlin", "2026-10-25T22:59:59Z", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z" },

        // Santiago's clocks jump at midnight: 00:00 does not exist on 6 September (the day starts at 01:00 local), and on
        // 5 April the clocks go back from 00:00 to 23:00 the evening before.
        { "America/Santiago", "2026-09-06T12:00:00Z", "2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z" },
        { "America/Santiago", "2026-09-06T03:59:59Z", "2026-09-05T04:00:00Z", "2026-09-06T04:00:00Z" },
        { "America/Santiago", "2026-04-05T12:00:00Z", "2026-04-05T04:00:00Z", "2026-04-06T04:00:00Z" },
        { "America/Santiago", "2026-04-05T03:30:00Z", "2026-04-04T03:00:00Z", "2026-04-05T04:00:00Z" },

        // Havana falls back from 01:00 to 00:00: midnight happens twice on 1 November, and the day starts at the first.
        { "America/Havana", "2026-11-01T04:30:00Z", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z" },
        { "America/Havana", "2026-11-01T12:00:00Z", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z" },
        { "America/Havana", "2026-10-31T12:00:00Z", "2026-10-31T04:00:00Z", "2026-11-01T04:00:00Z" },
        { "America/Havana", "2026-03-08T12:00:00Z", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void DayStartAndNextReset_InstantInZone_AreThatLocalDaysFirstInstantAndTheNextDays(string zone, string instant, string start, string reset)
    {
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        var clock = new QuotaClock(new FakeTimeProvider(at), TimeZoneInfo.FindSystemTimeZoneById(zone));

        var dayStart = clock.DayStart(at);
        var nextReset = clock.NextReset(at);

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), dayStart);
        Assert.Equal(DateTimeOffset.Parse(reset, System.Globalization.CultureInfo.InvariantCulture), nextReset);
        Assert.InRange(at, dayStart, nextReset.AddTicks(-1));
    }

    [Theory]
    [InlineData("UTC", "2026-03-15T10:00:00Z", "2026-03-01T00:00:00Z")]
    [InlineData("UTC", "2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z")]
    [InlineData("UTC", "2026-02-28T23:59:59Z", "2026-02-01T00:00:00Z")]
    [InlineData("Europe/Berlin", "2026-03-31T22:30:00Z", "2026-03-31T22:00:00Z")] // 00:30 on 1 April in Berlin (summer time)
    [InlineData("Europe/Berlin", "2026-03-31T21:59:59Z", "2026-02-28T23:00:00Z")]
    [InlineData("America/Sao_Paulo", "2026-01-10T12:00:00Z", "2026-01-01T03:00:00Z")]
    public void MonthStart_InstantInZone_IsThatLocalMonthsFirstInstant(string zone, string instant, string start)
    {
        var clock = new QuotaClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), clock.MonthStart(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
