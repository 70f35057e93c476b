using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using SeedanceBot.Storage.LiteDb;

namespace SeedanceBot.Benchmarks;

/// <summary>
/// Quota reservations on LiteDB files holding 0, 10,000 and 100,000 prior jobs of the same users, the sizes interleaved
/// round by round (after one warm-up round each, not counted) so the load of a shared machine hits each alike; figures are medians, ratios are to the empty file of
/// the same run. Each round runs <see cref="QuotaReservationBenchmark.ReserveAsync(SeedanceBot.Core.Jobs.IJobStore)"/> (16 callers, invariant checked)
/// on a fresh copy of the size's file, then times reading one user's usage alone.
/// </summary>
internal static class QuotaHistoryRun
{
    private const int Rounds = 5;
    private const int UsageReads = 200;
    private const int Attempts = QuotaReservationBenchmark.Callers * QuotaReservationBenchmark.PerCaller;

    public static async Task RunAsync(IReadOnlyList<int> sizes)
    {
        var root = Path.Combine(Path.GetTempPath(), "seedancebot-bench", "history-" + Guid.NewGuid().ToString("N"));
        try
        {
            var templates = sizes.ToDictionary(n => n, n => Write(Path.Combine(root, "template-" + n, "bench.db"), n));
            var reserve = sizes.ToDictionary(n => n, _ => new List<double>());
            var usage = sizes.ToDictionary(n => n, _ => new List<double>());
            var grouped = sizes.ToDictionary(n => n, _ => new List<double>());
            for (var round = -1; round < Rounds; round++)
            {
                foreach (var size in sizes)
                {
                    var path = Path.Combine(root, $"run-{size}-{round}", "bench.db");
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.Copy(templates[size], path);
                    using var context = new LiteDbContext(Options.Create(new StorageOptions { Path = path }));
                    var store = new LiteDbJobStore(context);
                    var clock = Stopwatch.StartNew();
                    var commits = context.Writer.Commits;
                    await QuotaReservationBenchmark.ReserveAsync(store);
                    var elapsed = clock.Elapsed;
                    if (round < 0)
                    {
                        continue;
                    }

                    reserve[size].Add(elapsed.TotalMicroseconds / Attempts);
                    grouped[size].Add((double)Attempts / (context.Writer.Commits - commits));
                    clock.Restart();
                    for (var i = 0; i < UsageReads; i++)
                    {
                        await store.GetUsageAsync("bench", "W", "U" + (i % 8), QuotaReservationBenchmark.Since, CancellationToken.None);
                    }

                    usage[size].Add(clock.Elapsed.TotalMicroseconds / UsageReads);
                }
            }

            var baseReserve = Median(reserve[sizes[0]]);
            var baseUsage = Median(usage[sizes[0]]);
            Console.WriteLine("| prior jobs | time per reservation | reservations/s | ratio | reservations per commit | usage read | ratio |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var size in sizes)
            {
                var r = Median(reserve[size]);
                var u = Median(usage[size]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size:N0} | {r:N0} µs | {1_000_000 / r:N0} | {r / baseReserve:F2} | {Median(grouped[size]):F1} | {u:N0} µs | {u / baseUsage:F2} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Invariant held in all {Rounds * sizes.Count} runs (no user over quota, exactly 8 x 40 passed)."));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Write(string path, int priorJobs)
    {
        using var context = new LiteDbContext(Options.Create(new StorageOptions { Path = path }));
        _ = new LiteDbJobStore(context);
        context.Database.GetCollection<JobDocument>("jobs").InsertBulk(QuotaReservationBenchmark.History(priorJobs).Select(LiteDbJobStore.ToDocument));
        return path;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
