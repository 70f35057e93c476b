using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests;

/// <summary>Two replicas (two data sources, two connection pools) on one database: reservations near a limit never overspend.</summary>
public sealed class PostgresJobStoreReplicaTests(PostgresCluster cluster)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Today = T0.AddHours(-10);

    private static BotJob Job(string id, string user, string workspace = "W1") => new()
    {
        Id = id,
        Origin = new ChatOrigin("discord", workspace, "C1", "T1"),
        UserId = user,
        Request = new VideoRequest { Prompt = "a fox", DurationSeconds = 5 },
        Seconds = 5,
        CreatedAt = T0,
    };

    [Fact]
    public async Task TryCreate_TwoReplicasRacingForAUsersLastVideo_OnlyOnePasses()
    {
        await using var database = await TempDatabase.CreateAsync(cluster);
        var replicas = new[] { new PostgresJobStore(database.DataSource), new PostgresJobStore(database.NewReplica()) };
        var lastOne = new QuotaCheck(new QuotaLimits(DailyVideos: 1, DailySeconds: 1000, MaxConcurrentJobs: 10), null, null, Today, Today);

        var doubled = new List<string>();
        for (var round = 0; round < 40; round++)
        {
            var user = "U" + round;
            using var start = new ManualResetEventSlim();
            var racers = replicas.Select((store, r) => Task.Run(async () =>
            {
                start.Wait();
                return (await store.TryCreateAsync(Job($"{user}-r{r}", user), lastOne, CancellationToken.None)).Created;
            })).ToList();
            start.Set();
            if ((await Task.WhenAll(racers)).Count(c => c) != 1)
            {
                doubled.Add(user);
            }
        }

        Assert.Empty(doubled);
    }

    [Fact]
    public async Task TryCreate_SixteenCallersOverTwoReplicasNearTheWorkspaceCap_CreateExactlyTheCap()
    {
        await using var database = await TempDatabase.CreateAsync(cluster);
        var replicas = new[] { new PostgresJobStore(database.DataSource), new PostgresJobStore(database.NewReplica()) };
        var capped = new QuotaCheck(new QuotaLimits(100, 10_000, 100), WorkspaceDailyVideos: 25, WorkspaceDailySeconds: null, Today, Today);
        using var start = new ManualResetEventSlim();

        var callers = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var created = 0;
            for (var n = 0; n < 5; n++)
            {
                var check = i % 4 == 0 ? capped with { User = null } : capped;
                if ((await replicas[i % 2].TryCreateAsync(Job($"w{i}-{n}", "U" + (i % 3)), check, CancellationToken.None)).Created)
                {
                    created++;
                }
            }

            return created;
        })).ToList();
        start.Set();
        var total = (await Task.WhenAll(callers)).Sum();

        await using var count = database.DataSource.CreateCommand("SELECT count(*) FROM jobs");
        Assert.Equal(25, total);
        Assert.Equal(25L, await count.ExecuteScalarAsync());
    }
}
