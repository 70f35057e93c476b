using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;
using Npgsql;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Simulator;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Postgres;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Tests;

/// <summary>
/// Two replicas of the whole bot on one PostgreSQL database, one simulator (with its rate limit) and one fake Discord
/// (HTTP interactions), on one fake clock: jobs are claimed, the API budget is shared, and a replica that dies mid-job
/// leaves its jobs to the other.
/// </summary>
public sealed class ReplicaTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private const string Channel = "1200000000000000222";
    private const string Guild = "1200000000000000000";
    private const int Videos = 200;

    private static string User(int i) => (1100000000000001000L + i).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task TwoReplicas_OneKilledMidJob_TheOtherFinishesEveryJobOnce_QuotaExact_No429()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var time = FakeClock.Create();
        var connectionString = await cluster.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using var discord = await FakeDiscord.StartAsync(time);
        await using var simulator = await SeedanceSimulator.StartAsync(new SimulatorOptions { RequestsPerMinute = 60, BaseGenerationSeconds = 10, SecondsPerVideoSecond = 2 }, time);
        Dictionary<string, string> Settings(string replica) => new()
        {
            ["Discord:Token"] = FakeDiscord.BotToken,
            ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
            ["Discord:Mode"] = "Http",
            ["Discord:PublicKey"] = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
            ["Replica:Id"] = replica,
            ["Seedance:MaxConcurrentJobs"] = "150",
        };
        await using var a = await BotHost.StartAsync(settings: Settings("replica-a"), clock: time, sharedSimulator: simulator);
        await using var b = await BotHost.StartAsync(settings: Settings("replica-b"), clock: time, sharedSimulator: simulator);

        // 200 /video from 200 people, every other one reaching each replica (as a load balancer spreads them).
        for (var i = 0; i < Videos; i++)
        {
            var answer = await PostInteractionAsync(i % 2 == 0 ? a : b, key, discord.NewInteraction(2, Video(i), userId: User(i), guildId: Guild), time);
            Assert.Equal("""{"type":5}""", answer);
        }

        // Killed mid-job: once 20 results are out, at a moment when replica A holds a claim (a claim lives while A
        // works a job's step, so between steps A may hold none; the clock moves on until it does).
        var claimedByA = 0L;
        await b.RunUntilAsync(async () => Results(discord) >= 20 && (claimedByA = await ClaimsOfAsync(connectionString, "replica-a")) > 0);
        var deliveredBeforeKill = Results(discord);
        var submittingAtKill = (await b.Services.GetRequiredService<IJobStore>().ListActiveAsync(CancellationToken.None))
            .Where(j => j.State == JobState.Submitting).Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        await a.KillAsync();
        await b.RunUntilAsync(() => Task.FromResult(Results(discord) >= Videos), maxSteps: 3000);

        Assert.True(claimedByA > 0, "replica A held no claim when it was killed: it was not mid-job");
        Assert.InRange(deliveredBeforeKill, 20, Videos - 1);
        var results = discord.MessagesIn(Channel).Where(m => m.File is not null).ToList();
        var perUser = Enumerable.Range(0, Videos).Select(i => results.Count(m => m.Content.StartsWith($"<@{User(i)}>", StringComparison.Ordinal))).ToList();
        Assert.Equal(Videos, results.Count);
        Assert.All(perUser, count => Assert.Equal(1, count));
        Assert.Equal(Videos, simulator.Jobs.Count);
        Assert.DoesNotContain(simulator.Requests, r => r.StatusCode == 429);

        // One replica at a time works a job: a submission is sent again only by the take-over of one cut off mid-send.
        var sentTwice = simulator.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/videos", StringComparison.Ordinal))
            .GroupBy(r => r.IdempotencyKey ?? string.Empty).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.All(sentTwice, id => Assert.Contains(id, submittingAtKill));

        var store = b.Services.GetRequiredService<IJobStore>();
        for (var i = 0; i < Videos; i++)
        {
            var job = Assert.Single(await store.ListRecentAsync("discord", Guild, User(i), DateTimeOffset.MinValue, 10, CancellationToken.None));
            Assert.Equal((JobState.Succeeded, ChargeState.Committed, DeliveryState.Delivered), (job.State, job.Charge, job.Delivery));
            var usage = await store.GetUsageAsync("discord", Guild, User(i), time.GetUtcNow().AddDays(-1), CancellationToken.None);
            Assert.Equal((1, 4, 0), (usage.Videos, usage.Seconds, usage.Running));
        }
    }

    private static int Results(FakeDiscord discord) => discord.MessagesIn(Channel).Count(m => m.File is not null);

    private static JsonObject Video(int i) => new()
    {
        ["name"] = "video",
        ["type"] = 1,
        ["options"] = new JsonArray(
            new JsonObject { ["name"] = "prompt", ["type"] = 3, ["value"] = "a fox in the snow, take " + i.ToString(CultureInfo.InvariantCulture) },
            new JsonObject { ["name"] = "duration", ["type"] = 4, ["value"] = 4 }),
    };

    private static async Task<string> PostInteractionAsync(BotHost host, Key key, JsonObject interaction, TimeProvider time)
    {
        var body = interaction.ToJsonString();
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(timestamp + body))));
        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<long> ClaimsOfAsync(string connectionString, string owner)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM leases WHERE starts_with(name, 'job:') AND owner = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
