using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb.Tests;

/// <summary>
/// The writer loads every user's rows of the quota day at once (a user new today then costs no index read): what it
/// loads must count exactly as each user's own read did, after a restart, across days and after a rollback.
/// </summary>
public sealed class UsageLoadTests
{
    private static readonly DateTimeOffset DayStart = TempStore.T0.AddHours(-10);

    private static QuotaCheck Limits(int videos = 100, int seconds = 10_000, int concurrent = 100, DateTimeOffset? since = null) =>
        new(new QuotaLimits(videos, seconds, concurrent), null, null, since ?? DayStart, since ?? DayStart);

    [Fact]
    public async Task TryCreate_AfterRestart_AnotherUserFirst_CountsTodaysJobsAndYesterdaysRunningOne()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = new TempStore();
        var yesterday = (await store.Jobs.TryCreateAsync(TempStore.Job("old", "U1", createdAt: DayStart.AddHours(-3)), Limits(since: DayStart.AddDays(-1)), ct)).Job!;
        await store.Jobs.TryUpdateAsync(yesterday with { State = JobState.Running }, null, ct);
        await store.Jobs.TryCreateAsync(TempStore.Job("today", "U1", seconds: 8), Limits(), ct);
        var finished = (await store.Jobs.TryCreateAsync(TempStore.Job("done", "U1", seconds: 4), Limits(), ct)).Job!;
        await store.Jobs.TryUpdateAsync(finished with { State = JobState.Failed, Charge = ChargeState.Released }, null, ct);
        store.Reopen();

        // U2 first: the load of all users, then U1 is counted from it.
        Assert.True((await store.Jobs.TryCreateAsync(TempStore.Job("other", "U2"), Limits(), ct)).Created);
        var byConcurrency = await store.Jobs.TryCreateAsync(TempStore.Job("third", "U1"), Limits(concurrent: 2), ct);
        var byVideos = await store.Jobs.TryCreateAsync(TempStore.Job("fourth", "U1"), Limits(videos: 1), ct);

        Assert.Equal(QuotaRefusal.ConcurrentJobs, byConcurrency.Refusal);
        Assert.Equal(new QuotaUsage(1, 8, 2), byConcurrency.Usage);
        Assert.Equal(QuotaRefusal.DailyVideos, byVideos.Refusal);
    }

    [Fact]
    public async Task TryCreate_UserNewToday_AfterTheLoad_IsCountedFromTheirOwnWrites()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = new TempStore();
        await store.Jobs.TryCreateAsync(TempStore.Job("a", "U1"), Limits(), ct);
        store.Reopen();
        await store.Jobs.TryCreateAsync(TempStore.Job("b", "U1"), Limits(), ct);

        var first = await store.Jobs.TryCreateAsync(TempStore.Job("c", "U9", seconds: 6), Limits(), ct);
        var second = await store.Jobs.TryCreateAsync(TempStore.Job("d", "U9", seconds: 6), Limits(seconds: 10), ct);

        Assert.Equal(new QuotaUsage(0, 0, 0), first.Usage);
        Assert.Equal(QuotaRefusal.DailySeconds, second.Refusal);
        Assert.Equal(new QuotaUsage(1, 6, 1), second.Usage);
    }

    [Fact]
    public async Task TryCreate_DaysLater_LoadsAgainFromTheNewDay()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = new TempStore();
        var running = (await store.Jobs.TryCreateAsync(TempStore.Job("run", "U1"), Limits(), ct)).Job!;
        await store.Jobs.TryUpdateAsync(running with { State = JobState.Running }, null, ct);
        await store.Jobs.TryCreateAsync(TempStore.Job("x", "U2"), Limits(), ct);

        // Three days on: the day's load is stale, read again; the running job still holds its slot, the old day is gone.
        var later = DayStart.AddDays(3);
        await store.Jobs.TryCreateAsync(TempStore.Job("y", "U3", createdAt: later.AddHours(1)), Limits(since: later), ct);
        var u1 = await store.Jobs.TryCreateAsync(TempStore.Job("z", "U1", createdAt: later.AddHours(2)), Limits(concurrent: 1, since: later), ct);
        var u2 = await store.Jobs.TryCreateAsync(TempStore.Job("w", "U2", createdAt: later.AddHours(2)), Limits(videos: 1, since: later), ct);

        Assert.Equal(QuotaRefusal.ConcurrentJobs, u1.Refusal);
        Assert.Equal(new QuotaUsage(0, 0, 1), u1.Usage);
        Assert.True(u2.Created);
    }

    [Fact]
    public async Task TryCreate_AfterAGroupRolledBack_CountsWhatWasCommittedOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = new TempStore();
        await store.Jobs.TryCreateAsync(TempStore.Job("a", "U1"), Limits(), ct);

        using (var hold = new WriterHold(store.Context.Writer))
        {
            var kept = store.Jobs.TryCreateAsync(TempStore.Job("b", "U1"), Limits(), ct);
            var failing = store.Context.WriteAsync<bool>(_ => throw new InvalidOperationException("boom"), ct, WriteLane.Answer);
            await hold.ReleaseAsync();
            Assert.True((await kept).Created);
            await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        }

        var third = await store.Jobs.TryCreateAsync(TempStore.Job("c", "U1"), Limits(videos: 2), ct);

        Assert.Equal(QuotaRefusal.DailyVideos, third.Refusal);
        Assert.Equal(2, third.Usage.Videos);
    }
}
