using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Storage.Postgres;
using SeedanceBot.Storage.Postgres.Schema;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Benchmarks;

/// <summary>
/// The quota race of <see cref="QuotaHistoryRun"/> on PostgreSQL: a throwaway cluster with durable commits (fsync and
/// synchronous commit on, as a production server), a fresh database per round holding the given number of prior jobs,
/// 16 callers on one replica (one connection pool) and spread over two (two pools, as two processes hold). Rounds
/// interleave the shapes; medians; the invariant (nobody over quota, exactly 8 x 40 passed) is checked every round.
/// </summary>
internal static class QuotaPostgresRun
{
    private const int Rounds = 5;
    private const int Attempts = QuotaReservationBenchmark.Callers * QuotaReservationBenchmark.PerCaller;

    public static async Task RunAsync(IReadOnlyList<int> sizes)
    {
        await using var cluster = new PostgresCluster { Durable = true };
        await cluster.InitializeAsync();
        if (cluster.SkipReason is { } reason)
        {
            Console.WriteLine(reason);
            return;
        }

        var shapes = sizes.SelectMany(n => new[] { (Prior: n, Replicas: 1), (Prior: n, Replicas: 2) }).ToList();
        var times = shapes.ToDictionary(s => s, _ => new List<double>());
        for (var round = -1; round < Rounds; round++)
        {
            foreach (var shape in shapes)
            {
                var connectionString = await cluster.CreateDatabaseAsync();
                var pools = Enumerable.Range(0, shape.Replicas).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();
                try
                {
                    await PostgresSchema.MigrateAsync(pools[0], CancellationToken.None);
                    await WriteHistoryAsync(new PostgresJobStore(pools[0]), shape.Prior);
                    var clock = Stopwatch.StartNew();
                    await QuotaReservationBenchmark.ReserveAsync([.. pools.Select(p => new PostgresJobStore(p))]);
                    if (round >= 0)
                    {
                        times[shape].Add(clock.Elapsed.TotalMicroseconds / Attempts);
                    }
                }
                finally
                {
                    foreach (var pool in pools)
                    {
                        await pool.DisposeAsync();
                    }
                }
            }
        }

        var baseline = Median(times[shapes[0]]);
        Console.WriteLine("| prior jobs | replicas | time per reservation | reservations/s | ratio |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var shape in shapes)
        {
            var t = Median(times[shape]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {shape.Prior:N0} | {shape.Replicas} | {t:N0} µs | {1_000_000 / t:N0} | {t / baseline:F2} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Invariant held in all {Rounds * shapes.Count} runs (no user over quota, exactly 8 x 40 passed)."));
    }

    /// <summary>The prior jobs, inserted through the store itself (16 writers, no quota in the way).</summary>
    private static async Task WriteHistoryAsync(PostgresJobStore store, int count)
    {
        var unlimited = new QuotaCheck(null, null, null, QuotaReservationBenchmark.Since, QuotaReservationBenchmark.Since);
        var jobs = QuotaReservationBenchmark.History(count).ToList();
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (job, ct) =>
        {
            var created = await store.TryCreateAsync(job, unlimited, ct);
            if (!created.Created)
            {
                throw new InvalidOperationException($"A prior job was refused: {created.Refusal}");
            }
        });
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
