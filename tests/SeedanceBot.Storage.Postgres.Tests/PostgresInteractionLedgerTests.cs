using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests;

/// <summary>The ledger shared by replicas: a request retried onto another replica is taken once.</summary>
public sealed class PostgresInteractionLedgerTests(PostgresCluster cluster)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TryRecord_SixteenCallersOverTwoReplicasWithOneKey_OnlyOneTakesIt()
    {
        await using var database = await TempDatabase.CreateAsync(cluster);
        var ledgers = new[] { database.Ledger(_time), database.Ledger(_time, database.NewReplica()) };
        using var start = new ManualResetEventSlim();

        var callers = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await ledgers[i % 2].TryRecordAsync("discord", "1400000000000000001", _time.GetUtcNow().AddMinutes(15), CancellationToken.None);
        })).ToList();
        start.Set();

        Assert.Single(await Task.WhenAll(callers), taken => taken);
    }

    [Fact]
    public async Task TryRecord_ManyExpiredEntries_ArePrunedAsNewOnesArrive()
    {
        await using var database = await TempDatabase.CreateAsync(cluster);
        var ledger = database.Ledger(_time);
        for (var i = 0; i < 300; i++)
        {
            await ledger.TryRecordAsync("slack", "old-" + i, _time.GetUtcNow().AddMinutes(1), CancellationToken.None);
        }

        _time.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 256; i++)
        {
            await ledger.TryRecordAsync("slack", "new-" + i, _time.GetUtcNow().AddMinutes(1), CancellationToken.None);
        }

        await using var count = database.DataSource.CreateCommand("SELECT count(*) FROM interactions");
        Assert.InRange((long)(await count.ExecuteScalarAsync())!, 256, 300);
    }
}
