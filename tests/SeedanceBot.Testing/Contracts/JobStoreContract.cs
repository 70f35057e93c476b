using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;
using Xunit;

namespace SeedanceBot.Testing.Contracts;

/// <summary>
/// What every <see cref="IJobStore"/> must do, run once per store (a real LiteDB file, a PostgreSQL database, and the
/// in-memory store the adapters' tests use): count usage by Core's <see cref="QuotaRule"/>, and count-and-insert atomically.
/// </summary>
public abstract class JobStoreContract : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Today = T0.AddHours(-10);

    private static readonly QuotaCheck Generous = new(new QuotaLimits(100, 10_000, 100), null, null, Today, Today);

    private readonly Lazy<IJobStore> _store;

    protected JobStoreContract() => _store = new(CreateStore, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The store under test, made once even when concurrent callers ask for it first.</summary>
    protected IJobStore Store => _store.Value;

    public static TheoryData<string, string> OddIds => new()
    {
        { string.Empty, "U1" },
        { "W1", string.Empty },
        { string.Empty, string.Empty },
        { " ", "  " },
        { "W1", "U1,<!channel>" },
        { "W1", "U1 " },
        { "W1|U1", string.Empty },
        { "W1", new string('u', 5_000) },
    };

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract IJobStore CreateStore();

    /// <summary>The store as one more replica holds it (its own connections) over <see cref="Store"/>'s data; the same store for a one-process store.</summary>
    protected virtual IJobStore NewReplica() => Store;

    protected virtual void Dispose(bool disposing)
    {
    }

    private async Task<BotJob> CreateAsync(string id, string user) => (await Store.TryCreateAsync(Job(id, user), Generous, CancellationToken.None)).Job!;

    protected static BotJob Job(string id, string user = "U1", int seconds = 5, DateTimeOffset? createdAt = null, string workspace = "W1", string platform = "discord") => new()
    {
        Id = id,
        Origin = new ChatOrigin(platform, workspace, "C1", "T1"),
        UserId = user,
        UserName = "name " + user,
        Request = new VideoRequest { Prompt = "a fox", DurationSeconds = seconds },
        Seconds = seconds,
        CreatedAt = createdAt ?? T0,
    };

    [Fact]
    public async Task TryCreate_EachUserLimit_RefusesWithTheUsage()
    {
        var limits = new QuotaCheck(new QuotaLimits(DailyVideos: 2, DailySeconds: 12, MaxConcurrentJobs: 2), null, null, Today, Today);
        var first = await Store.TryCreateAsync(Job("a", seconds: 5), limits, CancellationToken.None);

        var tooLong = await Store.TryCreateAsync(Job("b", seconds: 8), limits, CancellationToken.None);
        var second = await Store.TryCreateAsync(Job("c", seconds: 7), limits, CancellationToken.None);
        var third = await Store.TryCreateAsync(Job("d", seconds: 1), limits with { User = new QuotaLimits(2, 100, 5) }, CancellationToken.None);
        var concurrent = await Store.TryCreateAsync(Job("e", seconds: 1), limits with { User = new QuotaLimits(10, 100, 2) }, CancellationToken.None);

        Assert.Equal(ChargeState.Reserved, first.Job!.Charge);
        Assert.Equal(1, first.Job.Version);
        Assert.Equal((QuotaRefusal.DailySeconds, new QuotaUsage(1, 5, 1)), (tooLong.Refusal, tooLong.Usage));
        Assert.True(second.Created);
        Assert.Equal((QuotaRefusal.DailyVideos, new QuotaUsage(2, 12, 2)), (third.Refusal, third.Usage));
        Assert.Equal((QuotaRefusal.ConcurrentJobs, new QuotaUsage(2, 12, 2)), (concurrent.Refusal, concurrent.Usage));
        Assert.Null(await Store.GetAsync("b", CancellationToken.None));
    }

    [Fact]
    public async Task TryUpdateIntoSlot_BelowTheCap_MovesTheJob_AtTheCap_LeavesItQueued()
    {
        var replica = NewReplica();
        var first = await CreateAsync("J1", "U1");
        var second = await CreateAsync("J2", "U2");

        var moved = await replica.TryUpdateIntoSlotAsync(first with { State = JobState.Submitting }, 1, CancellationToken.None);
        var refused = await replica.TryUpdateIntoSlotAsync(second with { State = JobState.Submitting }, 1, CancellationToken.None);

        Assert.Equal(JobState.Submitting, moved?.State);
        Assert.Null(refused);
        Assert.Equal(JobState.Queued, (await Store.GetAsync("J2", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task TryUpdateIntoSlot_AStaleCopy_ReturnsNull()
    {
        var job = await CreateAsync("J1", "U1");
        await Store.TryUpdateAsync(job with { Progress = 1 }, null, CancellationToken.None);

        Assert.Null(await NewReplica().TryUpdateIntoSlotAsync(job with { State = JobState.Submitting }, 10, CancellationToken.None));
    }

    [Fact]
    public async Task TryUpdateIntoSlot_TwentyJobsRacingForThreeSlotsOverFourReplicas_ExactlyThreeMove()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => NewReplica()).ToList();
        var jobs = new List<BotJob>();
        for (var i = 0; i < 20; i++)
        {
            jobs.Add(await CreateAsync("J" + i, "U" + i));
        }

        using var start = new ManualResetEventSlim();
        var racers = jobs.Select((job, i) => Task.Run(async () =>
        {
            start.Wait();
            return await replicas[i % replicas.Count].TryUpdateIntoSlotAsync(job with { State = JobState.Submitting }, 3, CancellationToken.None);
        })).ToList();
        start.Set();

        Assert.Equal(3, (await Task.WhenAll(racers)).Count(moved => moved is not null));
        Assert.Equal(3, (await Store.ListActiveAsync(CancellationToken.None)).Count(j => j.State == JobState.Submitting));
    }

    [Fact]
    public async Task TryCreate_SixteenConcurrentCallersNearTheLimit_NeverBothPass()
    {
        var perUser = new QuotaCheck(new QuotaLimits(DailyVideos: 5, DailySeconds: 1000, MaxConcurrentJobs: 100), null, null, Today, Today);
        using var start = new ManualResetEventSlim();

        var callers = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var created = 0;
            for (var n = 0; n < 5; n++)
            {
                if ((await Store.TryCreateAsync(Job($"j{i}-{n}", "U" + ((i + n) % 4)), perUser, CancellationToken.None)).Created)
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
            Assert.Equal(5, (await Store.GetUsageAsync("discord", "W1", user, Today, CancellationToken.None)).Videos);
        }
    }

    [Fact]
    public async Task TryCreate_ConcurrentCallersNearTheWorkspaceCap_NeverBothPass()
    {
        var capped = Generous with { WorkspaceDailyVideos = 7 };
        using var start = new ManualResetEventSlim();

        var callers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var created = 0;
            for (var n = 0; n < 3; n++)
            {
                var check = i % 2 == 0 ? capped : capped with { User = null };
                if ((await Store.TryCreateAsync(Job($"w{i}-{n}", "U" + i), check, CancellationToken.None)).Created)
                {
                    created++;
                }
            }

            return created;
        })).ToList();
        start.Set();

        Assert.Equal(7, (await Task.WhenAll(callers)).Sum());
    }

    [Fact]
    public async Task Usage_ReservedAndCommittedCount_ReleasedDoesNot()
    {
        var reserved = (await Store.TryCreateAsync(Job("reserved", seconds: 2), Generous, CancellationToken.None)).Job!;
        var committed = (await Store.TryCreateAsync(Job("committed", seconds: 3), Generous, CancellationToken.None)).Job!;
        var released = (await Store.TryCreateAsync(Job("released", seconds: 4), Generous, CancellationToken.None)).Job!;
        await Store.TryUpdateAsync(committed with { State = JobState.Succeeded, Charge = ChargeState.Committed, Delivery = DeliveryState.Delivered }, null, CancellationToken.None);
        await Store.TryUpdateAsync(released with { State = JobState.Failed, Charge = ChargeState.Released, Delivery = DeliveryState.Delivered }, null, CancellationToken.None);

        var usage = await Store.GetUsageAsync("discord", "W1", "U1", Today, CancellationToken.None);

        Assert.Equal(JobState.Queued, reserved.State);
        Assert.Equal(new QuotaUsage(Videos: 2, Seconds: 5, Running: 1), usage);
    }

    [Fact]
    public async Task Usage_JobsBeforeSince_DoNotCountButStillHoldASlot()
    {
        var yesterday = Generous with { Since = Today.AddDays(-1), WorkspaceSince = Today.AddDays(-1) };
        await Store.TryCreateAsync(Job("old-running", createdAt: Today.AddHours(-2)), yesterday, CancellationToken.None);
        var old = (await Store.TryCreateAsync(Job("old-done", createdAt: Today.AddHours(-1)), yesterday, CancellationToken.None)).Job!;
        await Store.TryUpdateAsync(old with { State = JobState.Succeeded, Charge = ChargeState.Committed }, null, CancellationToken.None);
        await Store.TryCreateAsync(Job("at-since", seconds: 6, createdAt: Today), Generous, CancellationToken.None);

        var usage = await Store.GetUsageAsync("discord", "W1", "U1", Today, CancellationToken.None);
        var afterReset = await Store.GetUsageAsync("discord", "W1", "U1", Today.AddTicks(1), CancellationToken.None);

        Assert.Equal(new QuotaUsage(Videos: 1, Seconds: 6, Running: 2), usage);
        Assert.Equal(new QuotaUsage(Videos: 0, Seconds: 0, Running: 2), afterReset);
    }

    [Fact]
    public async Task Usage_OtherUsersWorkspacesAndPlatforms_DoNotCount()
    {
        await Store.TryCreateAsync(Job("mine"), Generous, CancellationToken.None);
        await Store.TryCreateAsync(Job("other-user", user: "U2"), Generous, CancellationToken.None);
        await Store.TryCreateAsync(Job("other-workspace", workspace: "W2"), Generous, CancellationToken.None);
        await Store.TryCreateAsync(Job("other-platform", platform: "slack"), Generous, CancellationToken.None);

        var usage = await Store.GetUsageAsync("discord", "W1", "U1", Today, CancellationToken.None);

        Assert.Equal(new QuotaUsage(Videos: 1, Seconds: 5, Running: 1), usage);
    }

    [Fact]
    public async Task TryCreate_ExemptCaller_IsNotUserLimitedButCountsTowardsTheWorkspaceCap()
    {
        var exempt = new QuotaCheck(null, WorkspaceDailyVideos: 3, WorkspaceDailySeconds: null, Today, Today);

        var admin = new List<JobCreation>();
        for (var i = 0; i < 2; i++)
        {
            admin.Add(await Store.TryCreateAsync(Job("admin" + i, user: "admin"), exempt, CancellationToken.None));
        }

        var member = await Store.TryCreateAsync(Job("member", user: "U2"), Generous with { WorkspaceDailyVideos = 3 }, CancellationToken.None);
        var overCap = await Store.TryCreateAsync(Job("member2", user: "U3"), Generous with { WorkspaceDailyVideos = 3 }, CancellationToken.None);
        var adminOverCap = await Store.TryCreateAsync(Job("admin9", user: "admin"), exempt, CancellationToken.None);
        var adminUsage = await Store.GetUsageAsync("discord", "W1", "admin", Today, CancellationToken.None);

        Assert.All(admin, a => Assert.Equal(ChargeState.Exempt, a.Job!.Charge));
        Assert.True(member.Created);
        Assert.Equal(QuotaRefusal.WorkspaceDailyVideos, overCap.Refusal);
        Assert.Equal(QuotaRefusal.WorkspaceDailyVideos, adminOverCap.Refusal);
        Assert.Equal(new QuotaUsage(Videos: 0, Seconds: 0, Running: 2), adminUsage);
    }

    [Fact]
    public async Task TryCreate_FailedExemptJob_NoLongerCountsTowardsTheWorkspaceCap()
    {
        var exempt = new QuotaCheck(null, WorkspaceDailyVideos: 2, WorkspaceDailySeconds: 10, Today, Today);
        var succeeded = (await Store.TryCreateAsync(Job("ok", user: "admin"), exempt, CancellationToken.None)).Job!;
        var failed = (await Store.TryCreateAsync(Job("failed", user: "admin"), exempt, CancellationToken.None)).Job!;
        await Store.TryUpdateAsync(succeeded with { State = JobState.Succeeded, Delivery = DeliveryState.Delivered }, null, CancellationToken.None);
        await Store.TryUpdateAsync(failed with { State = JobState.Failed, Delivery = DeliveryState.Delivered }, null, CancellationToken.None);

        var again = await Store.TryCreateAsync(Job("again", user: "admin"), exempt, CancellationToken.None);
        var overCap = await Store.TryCreateAsync(Job("over", user: "admin", seconds: 1), exempt with { WorkspaceDailySeconds = null }, CancellationToken.None);

        Assert.True(again.Created);
        Assert.Equal(QuotaRefusal.WorkspaceDailyVideos, overCap.Refusal);
    }

    [Fact]
    public async Task TryCreate_WorkspaceCaps_CountTodaysChargedJobsOfTheWholeWorkspaceOnly()
    {
        var check = Generous with { WorkspaceDailySeconds = 20 };
        await Store.TryCreateAsync(Job("yesterday", seconds: 9, createdAt: Today.AddTicks(-1)), check with { Since = Today.AddDays(-1), WorkspaceSince = Today.AddDays(-1) }, CancellationToken.None);
        await Store.TryCreateAsync(Job("elsewhere", seconds: 9, workspace: "W2"), check, CancellationToken.None);
        await Store.TryCreateAsync(Job("slack", seconds: 9, platform: "slack"), check, CancellationToken.None);
        var released = (await Store.TryCreateAsync(Job("released", seconds: 9), check, CancellationToken.None)).Job!;
        await Store.TryUpdateAsync(released with { State = JobState.Failed, Charge = ChargeState.Released }, null, CancellationToken.None);
        await Store.TryCreateAsync(Job("u1", user: "U1", seconds: 8), check, CancellationToken.None);
        await Store.TryCreateAsync(Job("u2", user: "U2", seconds: 8), check, CancellationToken.None);

        var tooLong = await Store.TryCreateAsync(Job("u3", user: "U3", seconds: 5), check, CancellationToken.None);
        var fits = await Store.TryCreateAsync(Job("u4", user: "U3", seconds: 4), check, CancellationToken.None);
        var videos = await Store.TryCreateAsync(Job("u5", user: "U4", seconds: 0), check with { WorkspaceDailyVideos = 3 }, CancellationToken.None);

        Assert.Equal(QuotaRefusal.WorkspaceDailySeconds, tooLong.Refusal);
        Assert.Equal(new QuotaUsage(0, 0, 0), tooLong.Usage);
        Assert.True(fits.Created);
        Assert.Equal(QuotaRefusal.WorkspaceDailyVideos, videos.Refusal);
    }

    [Fact]
    public async Task Lists_FilterAndOrderAsCoreNeeds()
    {
        BotJob Make(string id, int minute, JobState state, DeliveryState delivery, string user = "U1", string workspace = "W1") =>
            Job(id, user, createdAt: T0.AddMinutes(minute), workspace: workspace) with { State = state, Delivery = delivery };
        foreach (var job in new[]
        {
            Make("running", 2, JobState.Running, DeliveryState.NotReady),
            Make("queued", 1, JobState.Queued, DeliveryState.NotReady),
            Make("submitting", 7, JobState.Submitting, DeliveryState.NotReady),
            Make("done", 3, JobState.Succeeded, DeliveryState.Pending),
            Make("delivering", 4, JobState.Failed, DeliveryState.Delivering),
            Make("delivered", 5, JobState.Succeeded, DeliveryState.Delivered),
            Make("abandoned", 8, JobState.Failed, DeliveryState.Abandoned),
            Make("other", 6, JobState.Queued, DeliveryState.NotReady, "U2"),
            Make("elsewhere", 9, JobState.Succeeded, DeliveryState.Delivered, workspace: "W2"),
        })
        {
            await Store.TryCreateAsync(job, Generous, CancellationToken.None);
        }

        var active = await Store.ListActiveAsync(CancellationToken.None);
        var undelivered = await Store.ListUndeliveredAsync(CancellationToken.None);
        var recent = await Store.ListRecentAsync("discord", "W1", "U1", DateTimeOffset.MinValue, 3, CancellationToken.None);
        var all = await Store.ListRecentAsync("discord", "W1", "U1", DateTimeOffset.MinValue, 100, CancellationToken.None);
        var none = await Store.ListRecentAsync("discord", "W1", "nobody", DateTimeOffset.MinValue, 3, CancellationToken.None);

        Assert.Equal(["queued", "running", "other", "submitting"], active.Select(j => j.Id));
        Assert.Equal(["done", "delivering"], undelivered.Select(j => j.Id));
        Assert.Equal(["abandoned", "submitting", "delivered"], recent.Select(j => j.Id));
        Assert.Equal(7, all.Count);
        Assert.Empty(none);
    }

    [Fact]
    public async Task ListRecent_JobsOverManyDays_NewestFirstFromTheGivenTimeOnly()
    {
        var generous = new QuotaCheck(new QuotaLimits(DailyVideos: 1000, DailySeconds: 100_000, MaxConcurrentJobs: 1000), null, null, T0.AddYears(-1), T0.AddYears(-1));
        int[] daysBefore = [0, 1, 2, 9, 29, 31, 400];
        foreach (var days in daysBefore)
        {
            await Store.TryCreateAsync(Job($"d{days}", createdAt: T0.AddDays(-days).AddMinutes(-days)), generous, CancellationToken.None);
            await Store.TryCreateAsync(Job($"other{days}", user: "U2", createdAt: T0.AddDays(-days)), generous, CancellationToken.None);
        }

        var month = await Store.ListRecentAsync("discord", "W1", "U1", T0.AddDays(-30), 100, CancellationToken.None);
        var three = await Store.ListRecentAsync("discord", "W1", "U1", T0.AddDays(-30), 3, CancellationToken.None);
        var ever = await Store.ListRecentAsync("discord", "W1", "U1", DateTimeOffset.MinValue, 100, CancellationToken.None);
        var nothingYet = await Store.ListRecentAsync("discord", "W1", "U1", T0.AddMinutes(1), 100, CancellationToken.None);

        Assert.Equal(["d0", "d1", "d2", "d9", "d29"], month.Select(j => j.Id));
        Assert.Equal(["d0", "d1", "d2"], three.Select(j => j.Id));
        Assert.Equal(["d0", "d1", "d2", "d9", "d29", "d31", "d400"], ever.Select(j => j.Id));
        Assert.Empty(nothingYet);
    }

    [Fact]
    public async Task TopUsers_LedgerEntriesSince_RankBySecondsOncePerJob()
    {
        var a = (await Store.TryCreateAsync(Job("a", "U1", 5), Generous, CancellationToken.None)).Job!;
        var b = (await Store.TryCreateAsync(Job("b", "U2", 9), Generous, CancellationToken.None)).Job!;
        var old = (await Store.TryCreateAsync(Job("old", "U3", 50), Generous, CancellationToken.None)).Job!;
        UsageEntry Entry(BotJob j, DateTimeOffset at) => new(j.Id, "discord", "W1", j.UserId, j.UserName, j.Seconds, "a fox", at);

        var saved = await Store.TryUpdateAsync(a with { State = JobState.Succeeded }, Entry(a, T0), CancellationToken.None);
        await Store.TryUpdateAsync(saved! with { Delivery = DeliveryState.Delivered }, Entry(a, T0), CancellationToken.None);
        await Store.TryUpdateAsync(b with { State = JobState.Succeeded }, Entry(b, T0), CancellationToken.None);
        await Store.TryUpdateAsync(old with { State = JobState.Succeeded }, Entry(old, Today.AddTicks(-1)), CancellationToken.None);

        var top = await Store.TopUsersAsync("discord", "W1", Today, 10, CancellationToken.None);
        var first = await Store.TopUsersAsync("discord", "W1", Today, 1, CancellationToken.None);
        var elsewhere = await Store.TopUsersAsync("discord", "W2", Today, 10, CancellationToken.None);

        Assert.Equal([new UserUsage("U2", "name U2", 1, 9), new UserUsage("U1", "name U1", 1, 5)], top);
        Assert.Equal([new UserUsage("U2", "name U2", 1, 9)], first);
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task TryUpdate_StaleVersion_IsRefused()
    {
        var job = (await Store.TryCreateAsync(Job("a"), Generous, CancellationToken.None)).Job!;

        var first = await Store.TryUpdateAsync(job with { Progress = 10 }, null, CancellationToken.None);
        var stale = await Store.TryUpdateAsync(job with { Progress = 20 }, null, CancellationToken.None);
        var missing = await Store.TryUpdateAsync(job with { Id = "nope" }, null, CancellationToken.None);

        Assert.Equal(2, first!.Version);
        Assert.Null(stale);
        Assert.Null(missing);
        Assert.Equal(10, (await Store.GetAsync("a", CancellationToken.None))!.Progress);
    }

    [Fact]
    public async Task TryCreate_DuplicateId_Throws()
    {
        await Store.TryCreateAsync(Job("a"), Generous, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.TryCreateAsync(Job("a"), Generous, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(OddIds))]
    public async Task TryCreate_OddWorkspaceOrUserIds_CountTowardsTheQuotaOfExactlyThoseIds(string workspace, string user)
    {
        var threePerDay = new QuotaCheck(new QuotaLimits(DailyVideos: 3, DailySeconds: 1000, MaxConcurrentJobs: 10), null, null, Today, Today);
        var outcomes = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add((await Store.TryCreateAsync(Job("job" + i, user, workspace: workspace), threePerDay, CancellationToken.None)).Created);
        }

        await Store.TryCreateAsync(Job("neighbour", user + "x", workspace: workspace), threePerDay, CancellationToken.None);
        var usage = await Store.GetUsageAsync("discord", workspace, user, Today, CancellationToken.None);
        var recent = await Store.ListRecentAsync("discord", workspace, user, DateTimeOffset.MinValue, 10, CancellationToken.None);

        Assert.Equal([true, true, true, false], outcomes);
        Assert.Equal(new QuotaUsage(3, 15, 3), usage);
        Assert.Equal(3, recent.Count);
        Assert.Equal(user, (await Store.GetAsync("job0", CancellationToken.None))!.UserId);
    }

    private static readonly DateTimeOffset MonthStart = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static QuotaCheck Budgeted(decimal? daily = null, decimal? monthly = null, decimal? workspaceDaily = null, decimal? workspaceMonthly = null) =>
        Generous with
        {
            User = new QuotaLimits(100, 10_000, 100, daily, monthly),
            Budget = new BudgetCheck(workspaceDaily, workspaceMonthly, Today, MonthStart, "USD"),
        };

    private static BotJob Priced(string id, decimal estimate, string user = "U1", DateTimeOffset? createdAt = null) =>
        Job(id, user, createdAt: createdAt) with { EstimatedCost = estimate, Currency = "USD" };

    [Fact]
    public async Task TryCreate_EstimateOverTheDailyBudget_RefusedWithTheMoneySpent()
    {
        var check = Budgeted(daily: 1.00m);
        var first = await Store.TryCreateAsync(Priced("a", 0.80m), check, CancellationToken.None);

        var refused = await Store.TryCreateAsync(Priced("b", 0.42m), check, CancellationToken.None);
        var fits = await Store.TryCreateAsync(Priced("c", 0.20m), check, CancellationToken.None);

        Assert.True(first.Created);
        Assert.Equal(QuotaRefusal.DailyBudget, refused.Refusal);
        Assert.Equal(0.80m, refused.Spent!.UserDay);
        Assert.True(fits.Created);
        Assert.Null(await Store.GetAsync("b", CancellationToken.None));
    }

    [Fact]
    public async Task TryCreate_MonthlyBudget_CountsEarlierDaysOfTheMonthOnly()
    {
        await Store.TryCreateAsync(Priced("lastMonth", 5m, createdAt: MonthStart.AddTicks(-1)), Generous, CancellationToken.None);
        await Store.TryCreateAsync(Priced("earlier", 2m, createdAt: MonthStart.AddDays(3)), Generous, CancellationToken.None);

        var refused = await Store.TryCreateAsync(Priced("a", 1.5m), Budgeted(monthly: 3m), CancellationToken.None);
        var fits = await Store.TryCreateAsync(Priced("b", 1m), Budgeted(monthly: 3m), CancellationToken.None);

        Assert.Equal((QuotaRefusal.MonthlyBudget, 2m, 0m), (refused.Refusal!.Value, refused.Spent!.UserMonth, refused.Spent.UserDay));
        Assert.True(fits.Created);
    }

    [Fact]
    public async Task Spend_SettledCostCountsFailedJobCostsNothing_WorkspaceSumsEveryone()
    {
        var a = (await Store.TryCreateAsync(Priced("a", 0.50m), Generous, CancellationToken.None)).Job!;
        var b = (await Store.TryCreateAsync(Priced("b", 0.70m), Generous, CancellationToken.None)).Job!;
        var c = (await Store.TryCreateAsync(Priced("c", 0.30m, user: "U2"), Generous, CancellationToken.None)).Job!;
        await Store.TryCreateAsync(Priced("old", 9m, createdAt: MonthStart.AddDays(1)), Generous, CancellationToken.None);

        await Store.TryUpdateAsync(a with { State = JobState.Succeeded, Charge = ChargeState.Committed, Cost = 0.45m }, new UsageEntry("a", "discord", "W1", "U1", null, 5, "a fox", T0, 0.45m, "USD"), CancellationToken.None);
        await Store.TryUpdateAsync(b with { State = JobState.Failed, Charge = ChargeState.Released, Cost = 0m }, null, CancellationToken.None);

        var spend = await Store.GetSpendAsync("discord", "W1", "U1", Today, MonthStart, CancellationToken.None);

        Assert.Equal(new MoneySpent(0.45m, 9.45m, 0.75m, 9.75m), spend);
        Assert.Equal(0.30m, c.Money);
    }

    [Fact]
    public async Task TryCreate_SixteenConcurrentCallersNearABudget_NoOverspend()
    {
        // A daily budget of $1.00 per user and $3.00 for the workspace; every job is estimated at $0.30.
        var check = Budgeted(daily: 1.00m, workspaceDaily: 3.00m);
        using var start = new ManualResetEventSlim();

        var callers = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var created = 0;
            for (var n = 0; n < 4; n++)
            {
                if ((await Store.TryCreateAsync(Priced($"m{i}-{n}", 0.30m, "U" + ((i + n) % 5)), check, CancellationToken.None)).Created)
                {
                    created++;
                }
            }

            return created;
        })).ToList();
        start.Set();
        var total = (await Task.WhenAll(callers)).Sum();

        var spend = await Store.GetSpendAsync("discord", "W1", "U0", Today, MonthStart, CancellationToken.None);
        Assert.Equal(10, total);
        Assert.Equal(3.00m, spend.WorkspaceDay);
        foreach (var user in new[] { "U0", "U1", "U2", "U3", "U4" })
        {
            Assert.True((await Store.GetSpendAsync("discord", "W1", user, Today, MonthStart, CancellationToken.None)).UserDay <= 1.00m);
        }
    }

    /// <summary>The interaction ledger over the same data as <see cref="Store"/>, reading "now" from <paramref name="time"/>.</summary>
    protected abstract IInteractionLedger LedgerOfTheStore(TimeProvider time);

    private static ReplayKey Key(string key, DateTimeOffset? keepUntil = null) => new("discord", key, keepUntil ?? T0.AddHours(1));

    [Fact]
    public async Task TryCreate_WithTheSameReplayKey_MakesOneJob()
    {
        var first = await Store.TryCreateAsync(Job("a"), Generous, Key("1400000000000000001"), CancellationToken.None);
        var replay = await Store.TryCreateAsync(Job("b"), Generous, Key("1400000000000000001"), CancellationToken.None);
        var other = await Store.TryCreateAsync(Job("c"), Generous, Key("1400000000000000002"), CancellationToken.None);

        Assert.True(first.Created);
        Assert.True(replay.Replayed);
        Assert.False(replay.Created);
        Assert.Null(replay.Refusal);
        Assert.True(other.Created);
        Assert.Null(await Store.GetAsync("b", CancellationToken.None));
        Assert.Equal(2, (await Store.GetUsageAsync("discord", "W1", "U1", Today, CancellationToken.None)).Videos);
    }

    [Fact]
    public async Task TryCreate_ConcurrentRequestsWithOneKey_OneJobIsMade()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(i => Task.Run(() => (i % 2 == 0 ? Store : NewReplica()).TryCreateAsync(Job("r" + i), Generous, Key("1400000000000000003"), CancellationToken.None))));

        Assert.Single(attempts, a => a.Created);
        Assert.Equal(15, attempts.Count(a => a.Replayed));
        Assert.Equal(1, (await Store.GetUsageAsync("discord", "W1", "U1", Today, CancellationToken.None)).Videos);
    }

    [Fact]
    public async Task TryCreate_ARefusedRequest_StaysRecorded()
    {
        var none = new QuotaCheck(new QuotaLimits(0, 100, 5), null, null, Today, Today);

        var refused = await Store.TryCreateAsync(Job("a"), none, Key("1400000000000000004"), CancellationToken.None);
        var replay = await Store.TryCreateAsync(Job("b"), Generous, Key("1400000000000000004"), CancellationToken.None);

        Assert.Equal(QuotaRefusal.DailyVideos, refused.Refusal);
        Assert.True(replay.Replayed);
        Assert.Equal(0, (await Store.GetUsageAsync("discord", "W1", "U1", Today, CancellationToken.None)).Videos);
    }

    [Fact]
    public async Task TryCreate_AKeyExpiredBeforeTheJob_IsTakenAgain()
    {
        await Store.TryCreateAsync(Job("a"), Generous, Key("1400000000000000005", keepUntil: T0.AddHours(1)), CancellationToken.None);

        var later = await Store.TryCreateAsync(Job("b", createdAt: T0.AddHours(2)), Generous, Key("1400000000000000005", keepUntil: T0.AddHours(3)), CancellationToken.None);
        var again = await Store.TryCreateAsync(Job("c", createdAt: T0.AddHours(2.5)), Generous, Key("1400000000000000005", keepUntil: T0.AddHours(4)), CancellationToken.None);

        Assert.True(later.Created);
        Assert.True(again.Replayed);
    }

    [Fact]
    public async Task TryCreate_TheReplayKey_IsTheLedgersEntry()
    {
        var ledger = LedgerOfTheStore(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0));
        Assert.True(await ledger.TryRecordAsync("discord", "1400000000000000006", T0.AddHours(1), CancellationToken.None));

        var afterTheLedger = await Store.TryCreateAsync(Job("a"), Generous, Key("1400000000000000006"), CancellationToken.None);
        var made = await Store.TryCreateAsync(Job("b"), Generous, Key("1400000000000000007"), CancellationToken.None);
        var recordedWithTheJob = await ledger.TryRecordAsync("discord", "1400000000000000007", T0.AddHours(1), CancellationToken.None);
        var otherPlatform = await ledger.TryRecordAsync("slack", "1400000000000000007", T0.AddHours(1), CancellationToken.None);

        Assert.True(afterTheLedger.Replayed);
        Assert.True(made.Created);
        Assert.False(recordedWithTheJob);
        Assert.True(otherPlatform);
    }
}
