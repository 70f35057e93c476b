using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Storage.LiteDb.Tests;

public sealed class LiteDbJobStoreTests
{
    private static readonly QuotaCheck Generous = new(new QuotaLimits(100, 10_000, 100), null, null, TempStore.T0.AddHours(-10), TempStore.T0.AddHours(-10));

    [Fact]
    public async Task TryCreate_FullyPopulatedJob_SurvivesReopeningTheFileExactly()
    {
        using var store = new TempStore();
        var job = TempStore.Job("k7m2qx9p") with
        {
            Request = new VideoRequest
            {
                Scenes = [new("wide shot", 4), new("close-up", 3)],
                AspectRatio = AspectRatio.Portrait,
                Style = "noir",
                Seed = 4294967295,
                Camera = new CameraMotion(ZoomDirection.In, PanDirection.Left, TiltDirection.Down),
                Motion = MotionLevel.High,
                WebhookUrl = new Uri("https://bot.example.com/hooks/video/k7m2qx9p/tok"),
            },
            Seconds = 7,
            ProviderJobId = "vid_abc",
            SubmittedAt = TempStore.T0.AddSeconds(3),
            NextPollAt = TempStore.T0.AddSeconds(70),
            VideoUrl = new Uri("https://cdn.example.com/v.mp4?sig=1"),
            StatusMessageId = "1234567890",
            ReplyContext = "{\"token\":\"abc\"}",
            WebhookToken = "deadbeef",
            Origin = new ChatOrigin("slack", "T01", "C01", "1700000000.000100"),
        };
        var created = await store.Jobs.TryCreateAsync(job, Generous, CancellationToken.None);

        store.Reopen();
        var read = await store.Jobs.GetAsync("k7m2qx9p", CancellationToken.None);

        Assert.True(created.Created);
        Assert.NotNull(read);
        Assert.Equal(job with { Version = 1, Charge = ChargeState.Reserved, Request = job.Request with { Scenes = null } }, read with { Request = read.Request with { Scenes = null } });
        Assert.Equal(job.Request.Scenes, read.Request.Scenes);
        Assert.True(File.Exists(store.FilePath));
    }

    [Fact]
    public async Task TryCreate_WithAnAdmission_IsAdmittedBeforeTheJobIsOnDisk()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = new TempStore();
        await store.Jobs.TryCreateAsync(TempStore.Job("first"), Generous, ct);
        using var committed = new ManualResetEventSlim();
        using var onDisk = new ManualResetEventSlim();
        void Hold()
        {
            committed.Set();
            onDisk.Wait(ct);
        }

        // The writer is held after its commit, before the flush: nothing is durable yet.
        store.Context.Committed += Hold;
        var admission = new JobAdmission();
        var creating = store.Jobs.TryCreateAsync(TempStore.Job("second"), Generous, null, admission, ct);
        await admission.Admitted.WaitAsync(TimeSpan.FromSeconds(10), ct);
        committed.Wait(ct);
        var answeredBeforeTheFlush = creating.IsCompleted;
        store.Context.Committed -= Hold;
        onDisk.Set();

        Assert.False(answeredBeforeTheFlush);
        Assert.True((await creating).Created);
    }

    [Fact]
    public async Task TryCreate_AdmittedThenItsWriteFails_TheAnswerSaysSo()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = new TempStore();
        await store.Jobs.TryCreateAsync(TempStore.Job("taken"), Generous, ct);

        // The id is only found taken when the job is written, after its decision was told.
        var admission = new JobAdmission();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => store.Jobs.TryCreateAsync(TempStore.Job("taken"), Generous, null, admission, ct));

        Assert.True(admission.Admitted.IsCompleted);
        Assert.Contains("already exists", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await store.Jobs.GetUsageAsync("discord", "W1", "U1", TempStore.T0.AddHours(-10), ct)).Videos);
    }

    [Fact]
    public async Task TryCreate_OneGroup_AReservationReadingTheFileCountsTheOneDecidedBeforeIt()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = new TempStore();
        var today = TempStore.T0.AddHours(-10);
        var onePerDay = new QuotaCheck(new QuotaLimits(1, 10_000, 100), null, null, today, today);
        // A monthly budget counts the user's rows from the month's start: not in the cache, read from the file.
        var onePerDayWithABudget = new QuotaCheck(new QuotaLimits(1, 10_000, 100, MonthlyBudget: 100m), null, null, today, today, new BudgetCheck(null, null, today, today.AddDays(-20), "USD"));
        await store.Jobs.TryCreateAsync(TempStore.Job("other", user: "U2"), onePerDay, ct);
        using var hold = new WriterHold(store.Context.Writer);

        var first = store.Jobs.TryCreateAsync(TempStore.Job("first"), onePerDay, ct);
        var second = store.Jobs.TryCreateAsync(TempStore.Job("second"), onePerDayWithABudget, ct);
        await hold.ReleaseAsync();

        Assert.True((await first).Created);
        Assert.Equal(QuotaRefusal.DailyVideos, (await second).Refusal);
    }

    [Fact]
    public async Task ListActive_AfterAGroupRolledBack_ListsWhatWasCommittedAndNothingFinished()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = new TempStore();
        var done = (await store.Jobs.TryCreateAsync(TempStore.Job("done"), Generous, ct)).Job!;
        Assert.Equal(["done"], (await store.Jobs.ListActiveAsync(ct)).Select(j => j.Id));
        await store.Jobs.TryUpdateAsync(done with { State = JobState.Succeeded }, null, ct);

        // Both writes in one group: the failing one rolls it back, then each runs again alone.
        using var hold = new WriterHold(store.Context.Writer);
        var kept = store.Jobs.TryCreateAsync(TempStore.Job("kept"), Generous, ct);
        var failing = store.Context.WriteAsync<bool>(_ => throw new InvalidOperationException("boom"), ct, WriteLane.Answer);
        await hold.ReleaseAsync();

        Assert.True((await kept).Created);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(["kept"], (await store.Jobs.ListActiveAsync(ct)).Select(j => j.Id));
        Assert.Equal(JobState.Succeeded, (await store.Jobs.GetAsync("done", ct))!.State);
        store.Reopen();
        Assert.Equal(["kept"], (await store.Jobs.ListActiveAsync(ct)).Select(j => j.Id));
    }

    [Fact]
    public async Task TryUpdateIntoSlot_OpenJobsLoaded_OneGroupOfTwentyFillsExactlyThreeSlots()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = new TempStore();
        var jobs = new List<BotJob>();
        for (var i = 0; i < 20; i++)
        {
            jobs.Add((await store.Jobs.TryCreateAsync(TempStore.Job("J" + i, "U" + i), Generous, ct)).Job!);
        }

        Assert.Equal(20, (await store.Jobs.ListActiveAsync(ct)).Count);

        // All twenty queue behind one held write, so they run in one group: each must see the slots taken before it in
        // the same transaction (staged, not yet committed), not only what is on disk.
        using var hold = new WriterHold(store.Context.Writer);
        var racers = jobs.Select(job => store.Jobs.TryUpdateIntoSlotAsync(job with { State = JobState.Submitting }, 3, ct)).ToList();
        var commitsBefore = store.Context.Writer.Commits;
        await hold.ReleaseAsync();
        var moved = (await Task.WhenAll(racers)).Where(j => j is not null).ToList();

        Assert.Equal(3, moved.Count);
        Assert.Equal(1, store.Context.Writer.Commits - commitsBefore);
        Assert.Equal(3, (await store.Jobs.ListActiveAsync(ct)).Count(j => j.State == JobState.Submitting));

        // A slot freed by a finished job (committed, then on disk) is free for the next one.
        await store.Jobs.TryUpdateAsync(moved[0]! with { State = JobState.Failed }, null, ct);
        var waiting = jobs.First(j => moved.All(m => m!.Id != j.Id));
        Assert.NotNull(await store.Jobs.TryUpdateIntoSlotAsync(waiting with { State = JobState.Submitting }, 3, ct));
        var next = jobs.First(j => j.Id != waiting.Id && moved.All(m => m!.Id != j.Id));
        Assert.Null(await store.Jobs.TryUpdateIntoSlotAsync(next with { State = JobState.Submitting }, 3, ct));
    }

    [Fact]
    public async Task TryUpdate_OpenJobsLoaded_TheVersionCheckSeesTheGroupsOwnWrites_AndAFinishedJobsOnDisk()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = new TempStore();
        var job = (await store.Jobs.TryCreateAsync(TempStore.Job("J1"), Generous, ct)).Job!;
        Assert.Single(await store.Jobs.ListActiveAsync(ct));

        // Two updates of version 1 in one group: the second must see the first (staged, not on disk) and lose.
        using var hold = new WriterHold(store.Context.Writer);
        var first = store.Jobs.TryUpdateAsync(job with { State = JobState.Submitting }, null, ct);
        var second = store.Jobs.TryUpdateAsync(job with { State = JobState.Failed }, null, ct);
        await hold.ReleaseAsync();

        var submitting = await first;
        Assert.Equal(2, submitting!.Version);
        Assert.Null(await second);
        Assert.Null(await store.Jobs.TryUpdateAsync(job with { State = JobState.Failed }, null, ct));

        // Finished and on disk, it leaves the open jobs: its version comes from the file, stale or not.
        var failed = await store.Jobs.TryUpdateAsync(submitting with { State = JobState.Failed }, null, ct);
        Assert.Empty(await store.Jobs.ListActiveAsync(ct));
        Assert.Null(await store.Jobs.TryUpdateAsync(submitting with { Delivery = DeliveryState.Delivered }, null, ct));
        Assert.Equal(4, (await store.Jobs.TryUpdateAsync(failed! with { Delivery = DeliveryState.Delivered }, null, ct))!.Version);
        Assert.Equal(DeliveryState.Delivered, (await store.Jobs.GetAsync("J1", ct))!.Delivery);
    }

    [Fact]
    public async Task TryUpdate_UsageEntry_IsWrittenOncePerJobAndFeedsTopUsers()
    {
        using var store = new TempStore();
        var a = (await store.Jobs.TryCreateAsync(TempStore.Job("a", "U1", 5), Generous, CancellationToken.None)).Job!;
        var b = (await store.Jobs.TryCreateAsync(TempStore.Job("b", "U2", 9), Generous, CancellationToken.None)).Job!;
        UsageEntry Entry(BotJob j) => new(j.Id, "discord", "W1", j.UserId, j.UserName, j.Seconds, "a fox", TempStore.T0);

        var saved = await store.Jobs.TryUpdateAsync(a with { State = JobState.Succeeded }, Entry(a), CancellationToken.None);
        await store.Jobs.TryUpdateAsync(saved! with { Delivery = DeliveryState.Delivered }, Entry(a), CancellationToken.None);
        await store.Jobs.TryUpdateAsync(b with { State = JobState.Succeeded }, Entry(b), CancellationToken.None);
        store.Reopen();

        var top = await store.Jobs.TopUsersAsync("discord", "W1", TempStore.T0.AddDays(-1), 10, CancellationToken.None);

        Assert.Equal([new UserUsage("U2", "name U2", 1, 9), new UserUsage("U1", "name U1", 1, 5)], top);
    }
}
