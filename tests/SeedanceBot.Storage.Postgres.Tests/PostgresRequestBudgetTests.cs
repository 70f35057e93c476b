using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests;

/// <summary>The video API's budget shared by replicas: concurrent takers on several connection pools never exceed a window's limit.</summary>
public sealed class PostgresRequestBudgetTests(PostgresCluster cluster)
{
    private static readonly DateTimeOffset WindowEnd = new(2026, 3, 15, 10, 1, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryTake_TwoHundredTakersOnFourReplicas_TakeExactlyTheLimit()
    {
        await using var database = await TempDatabase.CreateAsync(cluster);
        var time = new FakeTimeProvider(WindowEnd.AddSeconds(-30));
        var replicas = Enumerable.Range(0, 4).Select(_ => new PostgresRequestBudget(database.NewReplica(), time)).ToList();
        using var start = new ManualResetEventSlim();
        var takers = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await replicas[i % replicas.Count].TryTakeAsync("seedance", WindowEnd, 60, CancellationToken.None);
        })).ToList();
        start.Set();

        Assert.Equal(60, (await Task.WhenAll(takers)).Count(taken => taken));
    }

    [Fact]
    public async Task TryTake_WindowSpent_NextWindowAndOtherBucketsAreFresh()
    {
        await using var database = await TempDatabase.CreateAsync(cluster);
        var budget = new PostgresRequestBudget(database.DataSource, new FakeTimeProvider(WindowEnd));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await budget.TryTakeAsync("seedance", WindowEnd, 3, CancellationToken.None));
        }

        Assert.False(await budget.TryTakeAsync("seedance", WindowEnd, 3, CancellationToken.None));
        Assert.True(await budget.TryTakeAsync("seedance", WindowEnd.AddMinutes(1), 3, CancellationToken.None));
        Assert.True(await budget.TryTakeAsync("modelark", WindowEnd, 3, CancellationToken.None));
        Assert.True(budget.IsShared);
    }

    [Fact]
    public async Task TryTake_PastTheLimitAsAProbeRecord_CountsSoOthersSeeItSpent()
    {
        await using var database = await TempDatabase.CreateAsync(cluster);
        var (a, b) = (new PostgresRequestBudget(database.DataSource, TimeProvider.System), new PostgresRequestBudget(database.NewReplica(), TimeProvider.System));
        await a.TryTakeAsync("seedance", WindowEnd, int.MaxValue, CancellationToken.None);

        Assert.True(await b.TryTakeAsync("seedance", WindowEnd, 2, CancellationToken.None));
        Assert.False(await b.TryTakeAsync("seedance", WindowEnd, 2, CancellationToken.None));
    }
}
