using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Usage;
using SeedanceBot.Core.Video;
using Xunit;

namespace SeedanceBot.Testing.Contracts;

/// <summary>
/// What every <see cref="IUsageHistory"/> must do, run once per store over ledger lines written the real way
/// (<see cref="IJobStore.TryUpdateAsync"/>): each line counted once, in the day its instant falls in (a day is
/// [bound, next bound), so a 23-hour DST day is just two bounds 23 hours apart), only the asked workspace and user.
/// </summary>
public abstract class UsageHistoryContract : IDisposable
{
    /// <summary>Europe/Berlin's spring-forward day 2026-03-29 is 23 hours long: 2026-03-28T23:00Z to 2026-03-29T22:00Z.</summary>
    private static readonly DateTimeOffset[] Bounds =
    [
        new(2026, 3, 27, 23, 0, 0, TimeSpan.Zero),
        new(2026, 3, 28, 23, 0, 0, TimeSpan.Zero),
        new(2026, 3, 29, 22, 0, 0, TimeSpan.Zero),
        new(2026, 3, 30, 22, 0, 0, TimeSpan.Zero),
    ];

    private static readonly QuotaCheck Generous = new(new QuotaLimits(1_000, 100_000, 1_000), null, null, DateTimeOffset.MinValue, DateTimeOffset.MinValue);

    private int _jobs;

    protected abstract (IJobStore Jobs, IUsageHistory History) Stores { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    [Fact]
    public async Task UsageByDay_LinesAcrossDays_CountedOnceInTheirDayByUser()
    {
        await DeliverAsync("U1", "ann", 5, Bounds[0]);                  // the first instant of day 0
        await DeliverAsync("U1", "ann", 4, Bounds[1].AddTicks(-1));     // the last instant of day 0
        await DeliverAsync("U2", "bob", 8, Bounds[1]);                  // day 1, the short DST day
        await DeliverAsync("U1", "ann", 3, Bounds[2].AddHours(-1));     // day 1
        await DeliverAsync("U2", "bob", 6, Bounds[2].AddHours(5));      // day 2
        await DeliverAsync("U1", "ann", 50, Bounds[0].AddTicks(-1));    // before the range
        await DeliverAsync("U1", "ann", 70, Bounds[3]);                 // the end bound is not in the range

        var rows = await Stores.History.UsageByDayAsync(new UsageQuery("discord", "W1", Bounds), CancellationToken.None);

        Assert.Equal(
            [
                new UsageDayRow(0, "U1", "ann", 2, 9),
                new UsageDayRow(1, "U1", "ann", 1, 3),
                new UsageDayRow(1, "U2", "bob", 1, 8),
                new UsageDayRow(2, "U2", "bob", 1, 6),
            ],
            rows);
        Assert.All(rows, r => Assert.Null(r.Spend));
    }

    [Fact]
    public async Task UsageByDay_OtherWorkspacesPlatformsAndUsers_LeftOut()
    {
        await DeliverAsync("U1", "ann", 5, Bounds[0].AddHours(1));
        await DeliverAsync("U2", "bob", 7, Bounds[0].AddHours(2));
        await DeliverAsync("U1", "ann", 11, Bounds[0].AddHours(3), workspace: "W2");
        await DeliverAsync("U1", "ann", 13, Bounds[0].AddHours(4), platform: "slack");

        var one = await Stores.History.UsageByDayAsync(new UsageQuery("discord", "W1", Bounds, "U2"), CancellationToken.None);
        var other = await Stores.History.UsageByDayAsync(new UsageQuery("slack", "W1", Bounds), CancellationToken.None);
        var nobody = await Stores.History.UsageByDayAsync(new UsageQuery("discord", "W1", Bounds, "U9"), CancellationToken.None);

        Assert.Equal([new UsageDayRow(0, "U2", "bob", 1, 7)], one);
        Assert.Equal([new UsageDayRow(0, "U1", "ann", 1, 13)], other);
        Assert.Empty(nobody);
    }

    [Fact]
    public async Task UsageByDay_RenamedOnTheDay_TheLatestNameAndEveryLine()
    {
        await DeliverAsync("U1", "ann", 5, Bounds[0].AddHours(1));
        await DeliverAsync("U1", "Ann B.", 6, Bounds[0].AddHours(3));
        await DeliverAsync("U1", null, 7, Bounds[1].AddHours(1));

        var rows = await Stores.History.UsageByDayAsync(new UsageQuery("discord", "W1", Bounds), CancellationToken.None);

        Assert.Equal([new UsageDayRow(0, "U1", "Ann B.", 2, 11), new UsageDayRow(1, "U1", null, 1, 7)], rows);
    }

    [Fact]
    public async Task UsageByDay_LinesWithCosts_SpendIsTheirSum_ADayWithoutCostsHasNone()
    {
        await DeliverAsync("U1", "ann", 5, Bounds[0].AddHours(1), cost: 0.75m);
        await DeliverAsync("U1", "ann", 4, Bounds[0].AddHours(2), cost: 0.60m);
        await DeliverAsync("U1", "ann", 3, Bounds[0].AddHours(3));
        await DeliverAsync("U1", "ann", 6, Bounds[1].AddHours(1));

        var rows = await Stores.History.UsageByDayAsync(new UsageQuery("discord", "W1", Bounds), CancellationToken.None);

        Assert.Equal([new UsageDayRow(0, "U1", "ann", 3, 12, 1.35m), new UsageDayRow(1, "U1", "ann", 1, 6)], rows);
    }

    [Fact]
    public async Task UsageByDay_NoDaysOrNoLines_Empty()
    {
        Assert.Empty(await Stores.History.UsageByDayAsync(new UsageQuery("discord", "W1", Bounds), CancellationToken.None));
        await DeliverAsync("U1", "ann", 5, Bounds[0].AddHours(1));
        Assert.Empty(await Stores.History.UsageByDayAsync(new UsageQuery("discord", "W1", [Bounds[0]]), CancellationToken.None));
    }

    /// <summary>A delivered job's ledger line, written as <see cref="JobTransitions"/> writes it.</summary>
    private async Task DeliverAsync(string user, string? name, int seconds, DateTimeOffset at, string workspace = "W1", string platform = "discord", decimal? cost = null)
    {
        var id = "usage-" + Interlocked.Increment(ref _jobs);
        var job = new BotJob
        {
            Id = id,
            Origin = new ChatOrigin(platform, workspace, "C1", "T1"),
            UserId = user,
            UserName = name,
            Request = new VideoRequest { Prompt = "a fox", DurationSeconds = seconds },
            Seconds = seconds,
            CreatedAt = at,
        };
        var created = (await Stores.Jobs.TryCreateAsync(job, Generous, CancellationToken.None)).Job!;
        var saved = await Stores.Jobs.TryUpdateAsync(
            created with { State = JobState.Succeeded, Charge = ChargeState.Committed },
            new UsageEntry(id, platform, workspace, user, name, seconds, "a fox", at, cost, cost is null ? null : "USD"),
            CancellationToken.None);
        Assert.NotNull(saved);
    }
}
