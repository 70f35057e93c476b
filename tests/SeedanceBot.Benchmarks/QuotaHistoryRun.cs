using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using SeedanceBot.Storage.LiteDb;

namespace SeedanceBot.Benchmarks;

/// <summary>
/// Quota reservations on LiteDB files holding 0, 10,000 and 100,000 prior jobs of the same users, the sizes interleaved
/// round by round (after one warm-up round each, not counted) so the load of a shared machine hits each alike; figures are medians of
/// 9 rounds (a commit waits for an fsync, whose time on a shared disk varies from round to round), ratios are to the empty file of
/// the same run. Each round runs <see cref="QuotaReservationBenchmark.ReserveAsync(SeedanceBot.Core.Jobs.IJobStore)"/> (16 callers, invariant checked)
/// on a fresh copy of the size's file, then times reading one user's usage alone.
/// </summary>
internal static class QuotaHistoryRun
{
    private const int Rounds = 9;
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
            var logPages = sizes.ToDictionary(n => n, _ => new List<double>());
            for (var round = -1; round < Rounds; round++)
            {
                foreach (var size in sizes)
                {
                    var (reservation, perCommit, usageRead, pages) = await RoundAsync(templates[size], Path.Combine(root, $"run-{size}-{round}", "bench.db"));
                    if (round >= 0)
                    {
                        reserve[size].Add(reservation);
                        grouped[size].Add(perCommit);
                        usage[size].Add(usageRead);
                        logPages[size].Add(pages);
                    }
                }
            }

            var baseReserve = Median(reserve[sizes[0]]);
            var baseUsage = Median(usage[sizes[0]]);
            Console.WriteLine("| prior jobs | time per reservation | reservations/s | ratio | reservations per commit | log pages per commit | usage read | ratio |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
            foreach (var size in sizes)
            {
                var r = Median(reserve[size]);
                var u = Median(usage[size]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size:N0} | {r:N0} µs | {1_000_000 / r:N0} | {r / baseReserve:F2} | {Median(grouped[size]):F1} | {Median(logPages[size]):F1} | {u:N0} µs | {u / baseUsage:F2} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Invariant held in all {Rounds * sizes.Count} runs (no user over quota, exactly 8 x 40 passed)."));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// One round on a fresh copy of <paramref name="template"/>: microseconds per reservation, reservations per commit and
    /// microseconds per usage read. The copy is on disk before the clock starts (a user's file is not a fresh copy whose
    /// writing the kernel still owes, which every fsync of the run would wait behind) and is deleted after the round.
    /// </summary>
    private static async Task<(double Reservation, double PerCommit, double UsageRead, double Pages)> RoundAsync(string template, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(template, path);
        using (var copy = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            copy.Flush(flushToDisk: true);
        }

        try
        {
            // The log keeps every page the run commits (no checkpoint folds it into the file, not even on closing), so
            // its length after the round tells how many pages the commits wrote.
            var log = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));
            long logged;
            long commits;
            double reservation, usageRead;
            using (var context = new LiteDbContext(Options.Create(new StorageOptions { Path = path })))
            {
                var store = new LiteDbJobStore(context);
                context.Database.Checkpoint();
                context.Database.CheckpointSize = 0;
                logged = LogLength(log);
                var clock = Stopwatch.StartNew();
                commits = context.Writer.Commits;
                await QuotaReservationBenchmark.ReserveAsync(store);
                reservation = clock.Elapsed.TotalMicroseconds / Attempts;
                commits = context.Writer.Commits - commits;
                clock.Restart();
                for (var i = 0; i < UsageReads; i++)
                {
                    await store.GetUsageAsync("bench", "W", "U" + (i % 8), QuotaReservationBenchmark.Since, CancellationToken.None);
                }

                usageRead = clock.Elapsed.TotalMicroseconds / UsageReads;
            }

            return (reservation, (double)Attempts / commits, usageRead, (LogLength(log) - logged) / 8192.0 / commits);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private static long LogLength(string log) => File.Exists(log) ? new FileInfo(log).Length : 0;

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
