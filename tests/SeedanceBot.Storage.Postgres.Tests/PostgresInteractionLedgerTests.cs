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
    public async Task TryRecord_ABurst_SharesFewCommits_AndEachKeyIsTakenOnce()
    {
        await using var database = await TempDatabase.CreateAsync(cluster);
        var ledger = database.Ledger(_time);

        // 200 keys, each asked twice, all queued at once (as a burst of interactions arrives).
        var calls = Enumerable.Range(0, 400)
            .Select(i => (Key: "burst-" + (i % 200), Taken: ledger.TryRecordAsync("discord", "burst-" + (i % 200), _time.GetUtcNow().AddMinutes(15), CancellationToken.None)))
            .ToList();
        await Task.WhenAll(calls.Select(c => c.Taken));

        Assert.All(calls.GroupBy(c => c.Key), key => Assert.Single(key, c => c.Taken.Result));
        await using var transactions = database.DataSource.CreateCommand("SELECT count(DISTINCT xmin::text), count(*) FROM interactions");
        await using var reader = await transactions.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(200, reader.GetInt64(1));
        // Rows written by one transaction share its xmin: one transaction per request would give 200.
        Assert.InRange(reader.GetInt64(0), 1, 10);
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
