using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Core.Tests.Jobs;

public sealed class JobIdsTests
{
    public static TheoryData<DateTimeOffset, string> Days => new()
    {
        { JobIds.Epoch, "222" },
        { JobIds.Epoch.AddHours(23.99), "222" },
        { JobIds.Epoch.AddDays(1), "223" },
        { JobIds.Epoch.AddDays(30), "22z" },
        { JobIds.Epoch.AddDays(31), "232" },
        { new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.FromHours(-8)), "2cu" },
        { JobIds.Epoch.AddDays(-3), "222" },
        { JobIds.Epoch.AddYears(200), "zzz" },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void NewId_BeginsWithItsDay(DateTimeOffset now, string day)
    {
        var id = JobIds.NewId(now);

        Assert.Equal(11, id.Length);
        Assert.StartsWith(day, id, StringComparison.Ordinal);
        Assert.All(id, c => Assert.Contains(c, "23456789abcdefghjkmnpqrstuvwxyz"));
    }

    [Fact]
    public void NewId_ALaterDay_SortsAfterEveryIdOfTheDaysBefore()
    {
        var days = Enumerable.Range(0, 400).Select(d => JobIds.Epoch.AddDays(d).AddHours(12)).ToList();

        var ids = days.SelectMany(day => Enumerable.Range(0, 5).Select(_ => (Day: day, Id: JobIds.NewId(day)))).ToList();

        Assert.Equal(ids.OrderBy(i => i.Day).Select(i => i.Day), ids.OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Day));
        Assert.Equal(ids.Count, ids.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count());
    }
}
