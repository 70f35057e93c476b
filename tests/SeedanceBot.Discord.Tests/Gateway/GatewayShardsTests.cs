using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Diagnostics;
using SeedanceBot.Core.Replicas;
using SeedanceBot.Discord.Gateway;
using SeedanceBot.Storage.Postgres;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Postgres;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Discord.Tests.Gateway;

/// <summary>
/// Gateway sharding across replicas: two (or three) bot hosts on one PostgreSQL database (the shared leases and
/// interaction ledger) against one fake Gateway, all on one fake clock. A replica dies by being disposed without a
/// graceful stop: its leases are never released, only expire.
/// </summary>
public sealed class GatewayShardsTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>, IAsyncLifetime
{
    private const int Shards = 4;
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider _time = FakeClock.Create();
    private readonly List<DiscordHarness> _replicas = [];
    private FakeDiscord _discord = null!;
    private string _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await cluster.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        _discord = await FakeDiscord.StartAsync(_time);
        _discord.RecommendedShards = Shards;
        _discord.MaxConcurrency = 1;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await _discord.DisposeAsync();
    }

    private async Task<DiscordHarness> StartReplicaAsync(string id)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Replica:Id"] = id,
            ["Storage:ConnectionString"] = _database,
        };
        var replica = await DiscordHarness.StartReplicaAsync(_discord, _time, settings, static builder =>
        {
            // The replicas share what makes them one bot: leases and the interaction ledger, in PostgreSQL.
            builder.Services.RemoveAll<IReplicaLeases>();
            builder.Services.RemoveAll<IInteractionLedger>();
            builder.AddPostgresStorage();
        });
        _replicas.Add(replica);
        return replica;
    }

    private static IReadOnlyDictionary<int, GatewayStatus> Held(DiscordHarness replica) => replica.Get<GatewayShards>().Held;

    private static bool AllReady(params DiscordHarness[] replicas) =>
        replicas.Sum(r => Held(r).Count) == Shards && replicas.All(r => Held(r).Values.All(s => s == GatewayStatus.Ready));

    private Task UntilAsync(Func<bool> condition) => _time.DriveAsync(FakeDiscord.WaitUntilAsync(condition, TimeSpan.FromSeconds(50)), Step);

    private static async Task<Readiness> ReadinessAsync(DiscordHarness replica) =>
        await replica.Get<IEnumerable<IReadinessProbe>>().OfType<GatewayReadinessProbe>().Single().CheckAsync(CancellationToken.None);

    private JsonObject Help() => _discord.NewInteraction(2, new JsonObject { ["name"] = "help", ["type"] = 1 });

    /// <summary>One new interaction on every shard; each must be answered exactly once.</summary>
    private async Task<List<string>> DispatchOnEveryShardAsync()
    {
        var ids = new List<string>();
        for (var shard = 0; shard < Shards; shard++)
        {
            var interaction = Help();
            ids.Add((string)interaction["id"]!);
            await _discord.DispatchToShardAsync(shard, interaction);
        }

        await FakeDiscord.WaitUntilAsync(() => ids.All(_discord.CallbackCounts.ContainsKey));
        return ids;
    }

    private void AssertIdentifiesRespectTheBucket()
    {
        var times = _discord.Identifies.Select(i => i.At).Order().ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromSeconds(5), $"identifies {gap} apart with max_concurrency 1: {string.Join(", ", times.Select(t => t.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}"));
        Assert.Equal(0, _discord.OverlappingShardSessions);
    }

    /// <summary>A starts alone and runs every shard; B joins and A hands it half, one shard per renewal.</summary>
    private async Task<(DiscordHarness A, DiscordHarness B)> StartTwoAsync()
    {
        var a = await StartReplicaAsync("replica-a");
        await UntilAsync(() => AllReady(a));
        var b = await StartReplicaAsync("replica-b");
        await UntilAsync(() => AllReady(a, b) && Held(a).Count == 2 && Held(b).Count == 2);
        return (a, b);
    }

    [Fact]
    public async Task FourShardsOverTwoReplicas_EachShardRunsOnce_IdentifiesFiveSecondsApart_AndEveryInteractionIsAnsweredOnce()
    {
        var (a, b) = await StartTwoAsync();

        Assert.Empty(Held(a).Keys.Intersect(Held(b).Keys));
        var identifies = _discord.Identifies;
        Assert.Equal([0, 1, 2, 3], identifies.Take(Shards).Select(i => i.ShardId).Order());
        Assert.Equal(Held(b).Keys.Order(), identifies.Skip(Shards).Select(i => i.ShardId).Order());
        Assert.All(identifies, i => Assert.Equal(Shards, i.ShardCount));
        AssertIdentifiesRespectTheBucket();
        Assert.Equal(ReadinessState.Ready, (await ReadinessAsync(a)).State);
        Assert.Equal(ReadinessState.Ready, (await ReadinessAsync(b)).State);

        // Command registration ran on one replica only.
        Assert.Single(_discord.Requests, r => r.Method == "GET" && r.Path.EndsWith("/commands", StringComparison.Ordinal));

        var ids = await DispatchOnEveryShardAsync();
        Assert.All(ids, id => Assert.Equal(1, _discord.CallbackCounts[id]));
    }

    [Fact]
    public async Task ReplicaDies_ItsShardsMoveToTheLiveOne_AfterTheLeaseExpires_WithNoInteractionLostOrDoubled()
    {
        var (a, b) = await StartTwoAsync();
        var before = await DispatchOnEveryShardAsync();
        var moving = Held(a).Keys.Order().ToList();
        var identifiesBefore = _discord.Identifies.Count;

        await a.KillAsync();
        var died = _time.GetUtcNow();
        await UntilAsync(() => AllReady(b));

        Assert.Equal([0, 1, 2, 3], Held(b).Keys.Order());
        Assert.Equal(moving, _discord.Identifies.Skip(identifiesBefore).Select(i => i.ShardId).Order());
        var firstMoved = _discord.Identifies.Skip(identifiesBefore).Min(i => i.At);
        Assert.True(firstMoved - died >= TimeSpan.FromSeconds(20), $"a shard moved {firstMoved - died} after its holder died: before its lease could expire");
        AssertIdentifiesRespectTheBucket();
        Assert.Equal(ReadinessState.Ready, (await ReadinessAsync(b)).State);

        // New interactions on every shard, the moved ones included, are answered once.
        var after = await DispatchOnEveryShardAsync();
        Assert.All(after, id => Assert.Equal(1, _discord.CallbackCounts[id]));

        // An interaction the dead replica answered, delivered again to the replica that took its shard: not answered twice.
        var replayed = _discord.NewInteraction(2, new JsonObject { ["name"] = "help", ["type"] = 1 });
        replayed["id"] = before[moving[0]];
        await _discord.DispatchToShardAsync(moving[0], replayed);
        await FakeDiscord.WaitUntilAsync(() => b.Logs.Entries.Any(e => e.EventId.Name == "DiscordInteractionReplayed") || _discord.CallbackCounts[before[moving[0]]] > 1);
        Assert.All(before.Concat(after), id => Assert.Equal(1, _discord.CallbackCounts[id]));
    }

    [Fact]
    public async Task ThirdReplica_AllShardsHeldElsewhere_HoldsNone_AndIsReady()
    {
        var (a, b) = await StartTwoAsync();

        var c = await StartReplicaAsync("replica-c");
        await _time.DriveAsync(Task.Delay(TimeSpan.FromSeconds(40), _time, TestContext.Current.CancellationToken), Step);

        Assert.Empty(Held(c));
        Assert.Equal(2, Held(a).Count);
        Assert.Equal(2, Held(b).Count);
        var readiness = await ReadinessAsync(c);
        Assert.Equal(ReadinessState.Ready, readiness.State);
        Assert.Contains("other replicas hold every shard", readiness.Description, StringComparison.Ordinal);
    }
}
