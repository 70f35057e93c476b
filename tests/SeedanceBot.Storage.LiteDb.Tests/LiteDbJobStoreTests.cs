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
    public async Task TryCreate_EachUserLimit_RefusesWithTheUsage()
    {
        using var store = new TempStore();
        var limits = new QuotaCheck(new QuotaLimits(DailyVideos: 2, DailySeconds: 12, MaxConcurrentJobs: 2), null, null, TempStore.T0.AddHours(-1), TempStore.T0.AddHours(-1));
        await store.Jobs.TryCreateAsync(TempStore.Job("a", seconds: 5), limits, CancellationToken.None);

        var tooLong = await store.Jobs.TryCreateAsync(TempStore.Job("b", seconds: 8), limits, CancellationToken.None);
        var second = await store.Jobs.TryCreateAsync(TempStore.Job("c", seconds: 7), limits, CancellationToken.None);
        var third = await store.Jobs.TryCreateAsync(TempStore.Job("d", seconds: 1), limits with { User = new QuotaLimits(2, 100, 5) }, CancellationToken.None);
        var concurrent = await store.Jobs.TryCreateAsync(TempStore.Job("e", seconds: 1), limits with { User = new QuotaLimits(10, 100, 2) }, CancellationToken.None);

        Assert.Equal((QuotaRefusal.DailySeconds, new QuotaUsage(1, 5, 1)), (tooLong.Refusal, tooLong.Usage));
        Assert.True(second.Created);
        Assert.Equal((QuotaRefusal.DailyVideos, new QuotaUsage(2, 12, 2)), (third.Refusal, third.Usage));
        Assert.Equal(QuotaRefusal.ConcurrentJobs, concurrent.Refusal);
    }

    [Fact]
    public async Task TryCreate_ExemptCaller_SkipsUserLimitsButNotWorkspaceCaps()
    {
        using var store = new TempStore();
        var exempt = new QuotaCheck(null, WorkspaceDailyVideos: 2, WorkspaceDailySeconds: null, TempStore.T0.AddHours(-1), TempStore.T0.AddHours(-1));

        var first = await store.Jobs.TryCreateAsync(TempStore.Job("a", user: "admin"), exempt, CancellationToken.None);
        var other = await store.Jobs.TryCreateAsync(TempStore.Job("b", user: "U2"), Generous with { WorkspaceDailyVideos = 2 }, CancellationToken.None);
        var third = await store.Jobs.TryCreateAsync(TempStore.Job("c", user: "admin"), exempt, CancellationToken.None);

        Assert.Equal(ChargeState.Exempt, first.Job!.Charge);
        Assert.True(other.Created);
        Assert.Equal(QuotaRefusal.WorkspaceDailyVideos, third.Refusal);
    }

    [Fact]
    public async Task Usage_OlderJobsAndReleasedCharges_DoNotCount()
    {
        using var store = new TempStore();
        var yesterday = await store.Jobs.TryCreateAsync(TempStore.Job("old", createdAt: TempStore.T0.AddDays(-1)), Generous with { Since = TempStore.T0.AddDays(-2) }, CancellationToken.None);
        var failed = await store.Jobs.TryCreateAsync(TempStore.Job("failed"), Generous, CancellationToken.None);
        await store.Jobs.TryUpdateAsync(failed.Job! with { State = JobState.Failed, Charge = ChargeState.Released }, null, CancellationToken.None);
        await store.Jobs.TryUpdateAsync(yesterday.Job! with { State = JobState.Succeeded, Charge = ChargeState.Committed }, null, CancellationToken.None);
        await store.Jobs.TryCreateAsync(TempStore.Job("today", seconds: 6), Generous, CancellationToken.None);

        var usage = await store.Jobs.GetUsageAsync("discord", "W1", "U1", TempStore.T0.AddHours(-1), CancellationToken.None);

        Assert.Equal(new QuotaUsage(Videos: 1, Seconds: 6, Running: 1), usage);
    }

    [Fact]
    public async Task TryCreate_SixteenConcurrentCallers_NeverPassTheLimit()
    {
        using var store = new TempStore();
        var perUser = new QuotaCheck(new QuotaLimits(DailyVideos: 5, DailySeconds: 1000, MaxConcurrentJobs: 100), null, null, TempStore.T0.AddHours(-1), TempStore.T0.AddHours(-1));
        using var start = new ManualResetEventSlim();

        var callers = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var created = 0;
            for (var n = 0; n < 5; n++)
            {
                var user = "U" + ((i + n) % 4);
                if ((await store.Jobs.TryCreateAsync(TempStore.Job($"j{i}-{n}", user), perUser, CancellationToken.None)).Created)
                {
                    created++;
                }
            }

            return created;
        })).ToList();
        start.Set();
        var total = (await Task.WhenAll(callers)).Sum();

        Assert.Equal(20, total);
        foreach (var user in new[] { "U0", "U1", "U2", "U3" })
        {
            Assert.Equal(5, (await store.Jobs.GetUsageAsync("discord", "W1", user, TempStore.T0.AddHours(-1), CancellationToken.None)).Videos);
        }
    }

    [Fact]
    public async Task TryUpdate_StaleVersion_IsRefused()
    {
        using var store = new TempStore();
        var job = (await store.Jobs.TryCreateAsync(TempStore.Job("a"), Generous, CancellationToken.None)).Job!;

        var first = await store.Jobs.TryUpdateAsync(job with { Progress = 10 }, null, CancellationToken.None);
        var stale = await store.Jobs.TryUpdateAsync(job with { Progress = 20 }, null, CancellationToken.None);

        Assert.Equal(2, first!.Version);
        Assert.Null(stale);
        Assert.Equal(10, (await store.Jobs.GetAsync("a", CancellationToken.None))!.Progress);
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

    [Fact]
    public async Task Lists_FilterAndOrderAsCoreNeeds()
    {
        using var store = new TempStore();
        BotJob Make(string id, int minute, JobState state, DeliveryState delivery, string user = "U1") => TempStore.Job(id, user, createdAt: TempStore.T0.AddMinutes(minute)) with { State = state, Delivery = delivery };
        foreach (var job in new[]
        {
            Make("running", 2, JobState.Running, DeliveryState.NotReady),
            Make("queued", 1, JobState.Queued, DeliveryState.NotReady),
            Make("done", 3, JobState.Succeeded, DeliveryState.Pending),
            Make("delivering", 4, JobState.Failed, DeliveryState.Delivering),
            Make("delivered", 5, JobState.Succeeded, DeliveryState.Delivered),
            Make("other", 6, JobState.Queued, DeliveryState.NotReady, "U2"),
        })
        {
            await store.Jobs.TryCreateAsync(job, Generous, CancellationToken.None);
        }

        var active = await store.Jobs.ListActiveAsync(CancellationToken.None);
        var undelivered = await store.Jobs.ListUndeliveredAsync(CancellationToken.None);
        var recent = await store.Jobs.ListRecentAsync("discord", "W1", "U1", 3, CancellationToken.None);

        Assert.Equal(["queued", "running", "other"], active.Select(j => j.Id));
        Assert.Equal(["done", "delivering"], undelivered.Select(j => j.Id));
        Assert.Equal(["delivered", "delivering", "done"], recent.Select(j => j.Id));
    }

    [Fact]
    public async Task TryCreate_DuplicateId_Throws()
    {
        using var store = new TempStore();
        await store.Jobs.TryCreateAsync(TempStore.Job("a"), Generous, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Jobs.TryCreateAsync(TempStore.Job("a"), Generous, CancellationToken.None));
    }
}
