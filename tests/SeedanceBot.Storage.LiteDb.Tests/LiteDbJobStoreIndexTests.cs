using LiteDB;
using SeedanceBot.Core;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb.Tests;

/// <summary>
/// The hot path reads only what it needs: today's rows through the day-key indexes, active and undelivered jobs through
/// State and Delivery ranges. Files written before the day keys keep working.
/// </summary>
public sealed class LiteDbJobStoreIndexTests
{
    private static readonly DateTimeOffset Today = TempStore.T0.AddHours(-10);

    private static readonly QuotaCheck FivePerDay = new(new QuotaLimits(5, 10_000, 100), 6, null, Today, Today);

    public static TheoryData<string, string> Queries => new()
    {
        { nameof(LiteDbJobStore.ActiveQuery), "INDEX RANGE" },
        { nameof(LiteDbJobStore.UndeliveredQuery), "INDEX SEEK" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void ListQueries_UseTheOpenIndex_NeverAFullScan(string query, string mode)
    {
        using var store = new TempStore();
        var where = query == nameof(LiteDbJobStore.ActiveQuery) ? LiteDbJobStore.ActiveQuery : LiteDbJobStore.UndeliveredQuery;

        var plan = Jobs(store).Query().Where(where).GetPlan();

        Assert.Equal(nameof(JobDocument.Todo), plan["index"]["name"].AsString);
        Assert.StartsWith(mode, plan["index"]["mode"].AsString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_FileWrittenBeforeTheDayKeys_CountsListsAndCapsItsJobs()
    {
        using var store = new TempStore();
        var raw = store.Context.Database.GetCollection("jobs");
        raw.EnsureIndex(nameof(JobDocument.UserId));
        raw.EnsureIndex(nameof(JobDocument.WorkspaceId));
        var history = Enumerable.Range(0, 2_100).Select(i => OldDocument(TempStore.Job("old" + i, createdAt: Today.AddMinutes(-i - 1)) with
        {
            State = JobState.Succeeded,
            Charge = ChargeState.Committed,
            Delivery = DeliveryState.Delivered,
        }));
        raw.InsertBulk(history);
        raw.Insert(OldDocument(TempStore.Job("today1", user: "U1", createdAt: Today.AddHours(1))));
        raw.Insert(OldDocument(TempStore.Job("today2", user: "U2", createdAt: Today.AddHours(2)) with { State = JobState.Succeeded, Delivery = DeliveryState.Pending }));

        store.Reopen();
        var usage = await store.Jobs.GetUsageAsync("discord", "W1", "U1", Today, CancellationToken.None);
        var recent = await store.Jobs.ListRecentAsync("discord", "W1", "U1", DateTimeOffset.MinValue, 2, CancellationToken.None);
        var active = await store.Jobs.ListActiveAsync(CancellationToken.None);
        var undelivered = await store.Jobs.ListUndeliveredAsync(CancellationToken.None);
        var created = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await store.Jobs.TryCreateAsync(TempStore.Job("new" + i, user: "U1", createdAt: TempStore.T0), FivePerDay, CancellationToken.None)).Created);
        }

        Assert.Equal(new QuotaUsage(1, 5, 1), usage);
        Assert.Equal(["today1", "old0"], recent.Select(j => j.Id));
        Assert.Equal(["today1"], active.Select(j => j.Id));
        Assert.Equal(["today2"], undelivered.Select(j => j.Id));
        Assert.Equal([true, true, true, true, false], created);
        Assert.Equal(0, Jobs(store).Count(Query.EQ(nameof(JobDocument.UserDay), BsonValue.Null)));
        Assert.DoesNotContain(store.Context.Database.GetCollection("$indexes").FindAll(), i => i["collection"] == "jobs" && i["name"] == nameof(JobDocument.UserId));
    }

    [Fact]
    public async Task Open_FileWithDayKeysOfTheFirstFormat_CountsItsJobsFromTheKeys()
    {
        using var store = new TempStore();
        var raw = store.Context.Database.GetCollection("jobs");
        var user = JobKeys.User("discord", "W1", "U1");
        var workspace = JobKeys.Workspace("discord", "W1");
        foreach (var (id, created, state, charge) in new[]
        {
            ("yesterday", Today.AddHours(-2), JobState.Succeeded, ChargeState.Committed),
            ("failed", Today.AddHours(1), JobState.Failed, ChargeState.Released),
            ("done", Today.AddHours(2), JobState.Succeeded, ChargeState.Committed),
            ("running", Today.AddHours(3), JobState.Running, ChargeState.Reserved),
        })
        {
            var document = OldDocument(TempStore.Job(id, seconds: 4, createdAt: created) with { State = state, Charge = charge, Delivery = DeliveryState.Delivered });
            document[nameof(JobDocument.UserDay)] = JobKeys.At(user, created.UtcTicks);
            document[nameof(JobDocument.WorkspaceDay)] = JobKeys.At(workspace, created.UtcTicks);
            document[OldOpen] = state == JobState.Running ? user : BsonValue.Null;
            raw.Insert(document);
        }

        store.Context.Database.GetCollection("meta").DeleteAll();
        store.Reopen();
        var usage = await store.Jobs.GetUsageAsync("discord", "W1", "U1", Today, CancellationToken.None);
        var capped = await store.Jobs.TryCreateAsync(TempStore.Job("next"), new QuotaCheck(new QuotaLimits(100, 10_000, 100), 100, 8, Today, Today), CancellationToken.None);

        Assert.Equal(new QuotaUsage(2, 8, 1), usage);
        Assert.Equal(QuotaRefusal.WorkspaceDailySeconds, capped.Refusal);
        Assert.All(Jobs(store).FindAll(), d => Assert.NotNull(JobKeys.ReadCounted(d.UserDay!)));
    }

    [Fact]
    public async Task Open_FileWithUserFirstDayKeys_RewritesThemDayFirstAndCountsTheSame()
    {
        using var store = new TempStore();
        var raw = store.Context.Database.GetCollection("jobs");
        var user = JobKeys.User("discord", "W1", "U1");
        var workspace = JobKeys.Workspace("discord", "W1");
        string UserFirst(string key, DateTimeOffset at, ChargeState charge, JobState state) =>
            FormattableString.Invariant($"{key}{at.UtcTicks:D19}:{(int)charge}:{(int)state}:4");
        foreach (var (id, created, state, charge) in new[]
        {
            ("last week", Today.AddDays(-7), JobState.Succeeded, ChargeState.Committed),
            ("yesterday", Today.AddHours(-2), JobState.Succeeded, ChargeState.Committed),
            ("done", Today.AddHours(2), JobState.Succeeded, ChargeState.Committed),
            ("running", Today.AddHours(3), JobState.Running, ChargeState.Reserved),
        })
        {
            var document = OldDocument(TempStore.Job(id, seconds: 4, createdAt: created) with { State = state, Charge = charge, Delivery = DeliveryState.Delivered });
            document[nameof(JobDocument.UserDay)] = UserFirst(user, created, charge, state);
            document[nameof(JobDocument.WorkspaceDay)] = UserFirst(workspace, created, charge, state);
            document[OldOpen] = state == JobState.Running ? user : BsonValue.Null;
            raw.Insert(document);
        }

        store.Context.Database.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "jobs.daykeys", ["Version"] = 2 });
        store.Reopen();
        var usage = await store.Jobs.GetUsageAsync("discord", "W1", "U1", Today, CancellationToken.None);
        var recent = await store.Jobs.ListRecentAsync("discord", "W1", "U1", Today.AddDays(-3), 10, CancellationToken.None);

        Assert.Equal(new QuotaUsage(2, 8, 1), usage);
        Assert.Equal(["running", "done", "yesterday"], recent.Select(j => j.Id));
        Assert.All(Jobs(store).FindAll(), d => Assert.Equal(JobKeys.DayOf(d.CreatedTicks), JobKeys.DayOfKey(d.UserDay!)));
    }

    [Fact]
    public async Task Usage_CountsFromTheIndexKeysAlone_NeverLoadsADocument()
    {
        using var store = new TempStore();
        await store.Jobs.TryCreateAsync(TempStore.Job("a"), FivePerDay, CancellationToken.None);
        var key = JobKeys.User("discord", "W1", "U1");

        var plan = Jobs(store).Query()
            .Where(LiteDbJobStore.Between(nameof(JobDocument.UserDay), JobKeys.At(key, Today.UtcTicks), JobKeys.Last(key, JobKeys.DayOf(Today.UtcTicks))))
            .Select("$." + nameof(JobDocument.UserDay))
            .GetPlan();

        Assert.Equal("index", plan["lookup"]["loader"].AsString);
        Assert.Equal((0, 0, 5), JobKeys.ReadCounted(Jobs(store).FindById("a").UserDay!));
    }

    [Fact]
    public async Task Usage_ReadsTodaysRowsThroughTheUserDayIndex()
    {
        using var store = new TempStore();
        await store.Jobs.TryCreateAsync(TempStore.Job("a"), FivePerDay, CancellationToken.None);
        var key = JobKeys.User("discord", "W1", "U1");

        var plan = Jobs(store).Query().Where(LiteDbJobStore.Between(nameof(JobDocument.UserDay), JobKeys.At(key, Today.UtcTicks), JobKeys.Last(key, JobKeys.DayOf(Today.UtcTicks)))).GetPlan();
        var open = Jobs(store).Query().Where(LiteDbJobStore.OpenIs(key)).GetPlan();

        Assert.Equal(nameof(JobDocument.UserDay), plan["index"]["name"].AsString);
        Assert.StartsWith("INDEX RANGE", plan["index"]["mode"].AsString, StringComparison.Ordinal);
        Assert.Equal(nameof(JobDocument.Todo), open["index"]["name"].AsString);
        Assert.StartsWith("INDEX SEEK", open["index"]["mode"].AsString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_FileOfFormat3_MovesOpenIntoTodoAndIndexesOpenJobsOnly()
    {
        using var store = new TempStore();
        var raw = store.Context.Database.GetCollection("jobs");
        raw.EnsureIndex(OldOpen);
        var user = JobKeys.User("discord", "W1", "U1");
        foreach (var (id, created, state, delivery) in new[]
        {
            ("delivered", Today.AddHours(1), JobState.Succeeded, DeliveryState.Delivered),
            ("to post", Today.AddHours(2), JobState.Failed, DeliveryState.Pending),
            ("running", Today.AddHours(3), JobState.Running, DeliveryState.Pending),
        })
        {
            var job = TempStore.Job(id, seconds: 4, createdAt: created) with { State = state, Charge = ChargeState.Reserved, Delivery = delivery };
            var document = OldDocument(job);
            document[nameof(JobDocument.UserDay)] = JobKeys.Counted(user, created.UtcTicks, (int)job.Charge, (int)state, 4);
            document[nameof(JobDocument.WorkspaceDay)] = JobKeys.Counted(JobKeys.Workspace("discord", "W1"), created.UtcTicks, (int)job.Charge, (int)state, 4);
            document[OldOpen] = state == JobState.Running ? user : delivery == DeliveryState.Pending ? JobDocument.Undelivered : BsonValue.Null;
            raw.Insert(document);
        }

        store.Context.Database.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "jobs.daykeys", ["Version"] = 3 });
        store.Reopen();
        var usage = await store.Jobs.GetUsageAsync("discord", "W1", "U1", Today, CancellationToken.None);
        var active = await store.Jobs.ListActiveAsync(CancellationToken.None);
        var undelivered = await store.Jobs.ListUndeliveredAsync(CancellationToken.None);

        Assert.Equal(1, usage.Running);
        Assert.Equal(["running"], active.Select(j => j.Id));
        Assert.Equal(["to post"], undelivered.Select(j => j.Id));
        Assert.Equal(
            [("delivered", 0), ("running", 1), ("to post", 1)],
            store.Context.Database.GetCollection("jobs").FindAll().Select(d => (d["_id"].AsString, d[nameof(JobDocument.Todo)].AsArray.Count)).Order());
        Assert.All(store.Context.Database.GetCollection("jobs").FindAll(), d => Assert.False(d.ContainsKey(OldOpen)));
        Assert.DoesNotContain(store.Context.Database.GetCollection("$indexes").FindAll(), i => i["collection"] == "jobs" && i["name"] == OldOpen);
    }

    [Fact]
    public async Task Todo_FinishedJobsPutNoKeyInTheIndex()
    {
        using var store = new TempStore();
        var ample = new QuotaCheck(new QuotaLimits(1_000, 100_000, 1_000), null, null, Today, Today);
        for (var i = 0; i < 300; i++)
        {
            var job = TempStore.Job("done" + i, createdAt: Today.AddMinutes(i)) with { State = JobState.Succeeded, Charge = ChargeState.Committed, Delivery = DeliveryState.Delivered };
            Assert.True((await store.Jobs.TryCreateAsync(job, ample, CancellationToken.None)).Created);
        }

        Assert.True((await store.Jobs.TryCreateAsync(TempStore.Job("queued", user: "U2"), ample, CancellationToken.None)).Created);

        // Every key of the index, nulls included (a finished job's key in format 3): the range of all values.
        var keys = Jobs(store).Query().Where("$." + nameof(JobDocument.Todo) + "[*] ANY BETWEEN @0 AND @1", BsonValue.MinValue, BsonValue.MaxValue).Select("$._id");
        Assert.Equal(nameof(JobDocument.Todo), keys.GetPlan()["index"]["name"].AsString);
        Assert.Equal(["queued"], keys.ToList().Select(k => k["_id"].AsString));
    }

    /// <summary>The field format 3 and older kept what was still to do in (a string, null when nothing).</summary>
    private const string OldOpen = "Open";

    private static ILiteCollection<JobDocument> Jobs(TempStore store) => store.Context.Database.GetCollection<JobDocument>("jobs");

    /// <summary>A job as the store wrote it before UserDay and WorkspaceDay existed.</summary>
    private static BsonDocument OldDocument(BotJob job) => new()
    {
        ["_id"] = job.Id,
        [nameof(JobDocument.Platform)] = job.Origin.Platform,
        [nameof(JobDocument.WorkspaceId)] = job.Origin.WorkspaceId,
        [nameof(JobDocument.UserId)] = job.UserId,
        [nameof(JobDocument.State)] = (int)job.State,
        [nameof(JobDocument.Charge)] = (int)job.Charge,
        [nameof(JobDocument.Delivery)] = (int)job.Delivery,
        [nameof(JobDocument.CreatedTicks)] = job.CreatedAt.UtcTicks,
        [nameof(JobDocument.Seconds)] = job.Seconds,
        [nameof(JobDocument.Version)] = 1,
        [nameof(JobDocument.Json)] = RecordJson.Write(job with { Version = 1 }),
    };
}
