using LiteDB;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb.Tests;

public sealed class LiteDbWriterTests
{
    private static readonly DateTimeOffset Today = TempStore.T0.AddHours(-10);

    [Fact]
    public async Task WriteAsync_BurstWhileTheWriterIsBusy_CommitsAsOneGroup()
    {
        using var store = new TempStore();
        using var hold = new WriterHold(store.Context.Writer);
        var before = store.Context.Writer.Commits;
        var limits = new QuotaCheck(new QuotaLimits(DailyVideos: 1000, DailySeconds: 100_000, MaxConcurrentJobs: 1000), null, null, Today, Today);

        var reservations = Enumerable.Range(0, 100)
            .Select(i => store.Jobs.TryCreateAsync(TempStore.Job($"job-{i}"), limits, TestContext.Current.CancellationToken))
            .ToList();
        Assert.DoesNotContain(reservations, r => r.IsCompleted);
        await hold.ReleaseAsync();
        var created = await Task.WhenAll(reservations);

        Assert.All(created, c => Assert.True(c.Created));
        Assert.Equal(1, store.Context.Writer.Commits - before);
        store.Reopen();
        Assert.Equal(100, (await store.Jobs.GetUsageAsync("discord", "W1", "U1", Today, TestContext.Current.CancellationToken)).Videos);
    }

    [Fact]
    public async Task WriteAsync_ThePoolBusyWithBlockedWork_TheWriterStillWakes()
    {
        using var store = new TempStore();
        await store.Context.WriteAsync(_ => true, TestContext.Current.CancellationToken);
        using var release = new ManualResetEventSlim();
        ThreadPool.GetMinThreads(out var minimum, out _);
        var blocked = new CountdownEvent(minimum * 64);

        // As a burst of requests queued ahead, each blocking its pool thread on a store opening the file: the writer's
        // wake-up must not wait for a pool thread behind them (they queue from outside the pool, first in first out).
        var write = await Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < blocked.InitialCount; i++)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(_ => { release.Wait(); blocked.Signal(); }, null);
                }

                return store.Context.WriteAsync(_ => true, CancellationToken.None).Wait(TimeSpan.FromSeconds(5));
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        release.Set();
        Assert.True(blocked.Wait(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
        blocked.Dispose();

        Assert.True(write, "the write waited for a thread-pool thread to wake the writer");
    }

    [Fact]
    public async Task WriteAsync_OneGroupNearTheLimit_EachReservationCountsTheOnesBeforeIt()
    {
        using var store = new TempStore();
        using var hold = new WriterHold(store.Context.Writer);
        var limits = new QuotaCheck(new QuotaLimits(DailyVideos: 7, DailySeconds: 100_000, MaxConcurrentJobs: 1000), null, null, Today, Today);

        var reservations = Enumerable.Range(0, 20)
            .Select(i => store.Jobs.TryCreateAsync(TempStore.Job($"job-{i}"), limits, TestContext.Current.CancellationToken))
            .ToList();
        await hold.ReleaseAsync();
        var created = await Task.WhenAll(reservations);

        Assert.Equal(7, created.Count(c => c.Created));
        Assert.All(created.Where(c => !c.Created), c => Assert.Equal(QuotaRefusal.DailyVideos, c.Refusal));
    }

    [Fact]
    public async Task WriteAsync_OneWriteOfTheGroupThrows_OnlyThatOneFailsAndTheRestAreDurable()
    {
        using var store = new TempStore();
        using var hold = new WriterHold(store.Context.Writer);
        var notes = store.Context.Database.GetCollection("notes");

        var writes = Enumerable.Range(0, 10).Select(i => store.Context.WriteAsync(
            _ =>
            {
                notes.Insert(new BsonDocument { ["_id"] = i });
                return i == 4 ? throw new InvalidOperationException("the fifth write is broken") : i;
            },
            TestContext.Current.CancellationToken)).ToList();
        await hold.ReleaseAsync();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => writes[4]);
        Assert.Equal("the fifth write is broken", failure.Message);
        int[] others = [0, 1, 2, 3, 5, 6, 7, 8, 9];
        Assert.Equal(others, await Task.WhenAll(writes.Where((_, i) => i != 4)));
        store.Reopen();
        Assert.Equal(others, store.Context.Database.GetCollection("notes").FindAll().Select(d => d["_id"].AsInt32).Order());
    }

    [Fact]
    public async Task TryCreate_AfterAGroupThatRolledBack_CountsOnlyWhatWasCommitted()
    {
        using var store = new TempStore();
        var twoPerDay = new QuotaCheck(new QuotaLimits(DailyVideos: 2, DailySeconds: 100_000, MaxConcurrentJobs: 100), null, null, Today, Today);
        Assert.True((await store.Jobs.TryCreateAsync(TempStore.Job("warm", user: "U2"), twoPerDay, TestContext.Current.CancellationToken)).Created);
        using var hold = new WriterHold(store.Context.Writer);

        // The first reservation is counted in the writer's cache inside a group that then rolls back (and is re-run alone).
        var first = store.Jobs.TryCreateAsync(TempStore.Job("first"), twoPerDay, TestContext.Current.CancellationToken);
        var broken = store.Context.WriteAsync<bool>(_ => throw new InvalidOperationException("broken"), TestContext.Current.CancellationToken);
        await hold.ReleaseAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => broken);
        var second = await store.Jobs.TryCreateAsync(TempStore.Job("second"), twoPerDay, TestContext.Current.CancellationToken);
        var third = await store.Jobs.TryCreateAsync(TempStore.Job("third"), twoPerDay, TestContext.Current.CancellationToken);

        Assert.True((await first).Created);
        Assert.True(second.Created);
        Assert.Equal(QuotaRefusal.DailyVideos, third.Refusal);
        Assert.Equal(new QuotaUsage(1, 5, 1), second.Usage);
    }

    [Fact]
    public async Task TryUpdate_ReleasingACharge_FreesTheQuotaForTheNextReservation()
    {
        using var store = new TempStore();
        var onePerDay = new QuotaCheck(new QuotaLimits(DailyVideos: 1, DailySeconds: 100_000, MaxConcurrentJobs: 100), null, null, Today, Today);
        var created = await store.Jobs.TryCreateAsync(TempStore.Job("a"), onePerDay, TestContext.Current.CancellationToken);
        var refused = await store.Jobs.TryCreateAsync(TempStore.Job("b"), onePerDay, TestContext.Current.CancellationToken);

        await store.Jobs.TryUpdateAsync(created.Job! with { State = JobState.Failed, Charge = ChargeState.Released }, null, TestContext.Current.CancellationToken);
        var afterRelease = await store.Jobs.TryCreateAsync(TempStore.Job("c"), onePerDay, TestContext.Current.CancellationToken);

        Assert.Equal(QuotaRefusal.DailyVideos, refused.Refusal);
        Assert.True(afterRelease.Created);
        Assert.Equal(new QuotaUsage(0, 0, 0), afterRelease.Usage);
    }

    [Fact]
    public async Task WriteAsync_CancelledWhileQueued_NeverRuns()
    {
        using var store = new TempStore();
        using var cancel = new CancellationTokenSource();
        using var hold = new WriterHold(store.Context.Writer);
        var ran = false;

        var write = store.Context.WriteAsync(_ => ran = true, cancel.Token);
        await cancel.CancelAsync();
        await hold.ReleaseAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
        await store.Context.WriteAsync(_ => true, TestContext.Current.CancellationToken);
        Assert.False(ran);
    }

    [Fact]
    public async Task Dispose_WithWritesQueued_FinishesThemBeforeClosing()
    {
        using var store = new TempStore();
        using var hold = new WriterHold(store.Context.Writer);
        var limits = new QuotaCheck(new QuotaLimits(DailyVideos: 100, DailySeconds: 100_000, MaxConcurrentJobs: 100), null, null, Today, Today);
        var reservations = Enumerable.Range(0, 5).Select(i => store.Jobs.TryCreateAsync(TempStore.Job($"job-{i}"), limits, TestContext.Current.CancellationToken)).ToList();

        var released = hold.ReleaseAsync();
        store.Reopen();
        await released;

        Assert.All(await Task.WhenAll(reservations), c => Assert.True(c.Created));
        Assert.Equal(5, (await store.Jobs.GetUsageAsync("discord", "W1", "U1", Today, TestContext.Current.CancellationToken)).Videos);
    }

    [Fact]
    public async Task WriteAsync_AnAnswerQueuedBehindTheEnginesWrites_GoesInTheNextGroupWithAtMostItsShareOfThem()
    {
        using var database = new LiteDatabase(new MemoryStream());
        var commits = new List<int>();
        var ran = new List<string>();
        using var writer = new LiteDbWriter(() => database, () => commits.Add(ran.Count), () => { });
        using var hold = new WriterHold(writer);
        var background = Enumerable.Range(0, 40)
            .Select(i => writer.WriteAsync(_ => { ran.Add($"engine {i}"); return i; }, TestContext.Current.CancellationToken))
            .ToList();
        var answer = writer.WriteAsync(_ => { ran.Add("answer"); return -1; }, TestContext.Current.CancellationToken, WriteLane.Answer);

        await hold.ReleaseAsync();
        await Task.WhenAll([.. background, answer]);

        // The hold's own flush, then the answer's group (the answer and 16 of the engine's writes), then the other 24.
        Assert.Equal([0, 1 + LiteDbWriter.BackgroundShare, 41], commits);
        Assert.Equal("answer", ran[0]);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"engine {i}"), ran.Skip(1));
    }

    [Fact]
    public async Task WriteAsync_AnswersOnlyOnceTheCommitIsFlushedToDisk()
    {
        using var database = new LiteDatabase(new MemoryStream());
        using var flushing = new ManualResetEventSlim();
        using var flushed = new ManualResetEventSlim();
        using var writer = new LiteDbWriter(
            () => database,
            () =>
            {
                flushing.Set();
                flushed.Wait(TestContext.Current.CancellationToken);
            },
            () => { });

        var write = writer.WriteAsync(db => db.GetCollection("notes").Insert(new BsonDocument { ["_id"] = 1 }), TestContext.Current.CancellationToken);
        flushing.Wait(TestContext.Current.CancellationToken);

        Assert.Equal(1, database.GetCollection("notes").Count());
        Assert.False(write.IsCompleted);
        flushed.Set();
        Assert.Equal(1, (await write).AsInt32);
    }

    [Fact]
    public async Task StageAsync_EveryDecisionOfTheGroupIsToldBeforeItsWritesAreMade_AndAnsweredOnlyOnceOnDisk()
    {
        using var database = new LiteDatabase(new MemoryStream());
        using var flushing = new ManualResetEventSlim();
        using var flushed = new ManualResetEventSlim();
        var flushes = 0;
        using var writer = new LiteDbWriter(
            () => database,
            () =>
            {
                // The first flush is the holding write's own; the group's is the second.
                if (++flushes == 2)
                {
                    flushing.Set();
                    flushed.Wait(TestContext.Current.CancellationToken);
                }
            },
            () => { });
        var notes = database.GetCollection("notes");
        var events = new List<string>();
        using var hold = new WriterHold(writer);

        var staged = Enumerable.Range(0, 3).Select(i => writer.StageAsync(
            (_, _) =>
            {
                events.Add($"decide {i}");
                return new Staged<int>(i, file =>
                {
                    events.Add($"write {i}");
                    file.GetCollection("notes").Insert(new BsonDocument { ["_id"] = i });
                });
            },
            told => events.Add($"told {told}"),
            TestContext.Current.CancellationToken)).ToList();
        var after = writer.WriteAsync(_ => notes.Count(), TestContext.Current.CancellationToken, WriteLane.Answer);
        await hold.ReleaseAsync();
        flushing.Wait(TestContext.Current.CancellationToken);
        var answeredBeforeTheFlush = staged.Count(t => t.IsCompleted);
        flushed.Set();

        Assert.Equal(0, answeredBeforeTheFlush);
        Assert.Equal(["decide 0", "told 0", "decide 1", "told 1", "decide 2", "told 2", "write 0", "write 1", "write 2"], events);
        var results = await Task.WhenAll(staged);
        Assert.Equal([0, 1, 2], results);
        // A plain write runs after the writes decided before it.
        Assert.Equal(3, await after);
    }

    [Fact]
    public async Task StageAsync_ArrivingWhileTheGroupIsWritten_IsDecidedThenAndJoinsTheGroup()
    {
        using var database = new LiteDatabase(new MemoryStream());
        var events = new List<string>();
        using var writer = new LiteDbWriter(() => database, () => { }, () => { }, committed: () => events.Add("commit"));
        await writer.WriteAsync(_ => true, TestContext.Current.CancellationToken);
        events.Clear();
        var commits = writer.Commits;
        using var writing = new ManualResetEventSlim();
        using var written = new ManualResetEventSlim();
        Task<int> Stage(int id, Action? whileWriting = null) => writer.StageAsync(
            (_, _) =>
            {
                events.Add($"decide {id}");
                return new Staged<int>(id, file =>
                {
                    events.Add($"write {id}");
                    whileWriting?.Invoke();
                    file.GetCollection("notes").Insert(new BsonDocument { ["_id"] = id });
                });
            },
            told => events.Add($"told {told}"),
            TestContext.Current.CancellationToken);

        // The first reservation's insert is held until the second has arrived.
        var first = Stage(1, () =>
        {
            writing.Set();
            written.Wait(TestContext.Current.CancellationToken);
        });
        writing.Wait(TestContext.Current.CancellationToken);
        var second = Stage(2);
        written.Set();

        var results = await Task.WhenAll(first, second);
        Assert.Equal([1, 2], results);
        Assert.Equal(["decide 1", "told 1", "write 1", "decide 2", "told 2", "write 2", "commit"], events);
        Assert.Equal(1, writer.Commits - commits);
    }

    [Fact]
    public async Task StageAsync_ADecisionThatReadsTheFile_FirstHasTheWritesDecidedBeforeItMade()
    {
        using var database = new LiteDatabase(new MemoryStream());
        using var writer = new LiteDbWriter(() => database, () => { }, () => { });
        using var hold = new WriterHold(writer);
        static Task<int> Stage(LiteDbWriter writer, int id) => writer.StageAsync(
            (file, settle) =>
            {
                settle();
                var seen = file.GetCollection("notes").Count();
                return new Staged<int>(seen, f => f.GetCollection("notes").Insert(new BsonDocument { ["_id"] = id }));
            },
            _ => { },
            TestContext.Current.CancellationToken);

        var first = Stage(writer, 1);
        var second = Stage(writer, 2);
        await hold.ReleaseAsync();

        Assert.Equal((0, 1), (await first, await second));
    }

    [Fact]
    public async Task WriteAsync_FlushToDiskFails_EveryWriteOfTheGroupFailsAndNoneRunsTwice()
    {
        using var database = new LiteDatabase(new MemoryStream());
        var flushes = 0;
        using var writer = new LiteDbWriter(
            () => database,
            () =>
            {
                // The first flush is the holding write's own; the group's is the second.
                if (++flushes == 2)
                {
                    throw new IOException("the disk is gone");
                }
            },
            () => { });
        using var hold = new WriterHold(writer);
        var runs = new int[3];
        var writes = Enumerable.Range(0, 3).Select(i => writer.WriteAsync(_ => ++runs[i], TestContext.Current.CancellationToken)).ToList();

        await hold.ReleaseAsync();

        foreach (var write in writes)
        {
            Assert.Equal("the disk is gone", (await Assert.ThrowsAsync<IOException>(() => write)).Message);
        }

        Assert.Equal([1, 1, 1], runs);
        Assert.Equal(7, await writer.WriteAsync(_ => 7, TestContext.Current.CancellationToken));
    }
}
