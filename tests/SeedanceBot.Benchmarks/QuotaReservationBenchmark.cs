using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;
using SeedanceBot.Storage.LiteDb;
using SeedanceBot.Testing.Fakes;

namespace SeedanceBot.Benchmarks;

/// <summary>
/// Quota reservations (atomic check-and-insert) with 16 concurrent callers on a real LiteDB file, against the in-memory
/// store as the baseline in the same run. Every iteration checks the invariant: no user ever over quota.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class QuotaReservationBenchmark
{
    public const int Callers = 16;
    public const int PerCaller = 25;
    private const int Users = 8;
    private const int DailyVideos = 40;

    private static readonly DateTimeOffset T0 = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly QuotaCheck Check = new(new QuotaLimits(DailyVideos, 1_000_000, 1_000_000), null, null, T0.AddHours(-1), T0.AddHours(-1));

    private string _folder = string.Empty;
    private LiteDbContext? _context;
    private IJobStore _liteDb = null!;
    private InMemoryJobStore _memory = null!;

    [IterationSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "seedancebot-bench", Guid.NewGuid().ToString("N"));
        var context = new LiteDbContext(Options.Create(new StorageOptions { Path = Path.Combine(_folder, "bench.db") }));
        _context = context;
        _liteDb = new LiteDbJobStore(context);
        _memory = new InMemoryJobStore();
    }

    [IterationCleanup]
    public void Cleanup()
    {
        _context?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Callers * PerCaller)]
    public Task<int> InMemory() => ReserveAsync(_memory);

    [Benchmark(OperationsPerInvoke = Callers * PerCaller)]
    public Task<int> LiteDb() => ReserveAsync(_liteDb);

    /// <summary>16 callers race for 8 users' quotas of 40 videos; exactly 8 x 40 reservations may pass.</summary>
    public static async Task<int> ReserveAsync(IJobStore store)
    {
        var callers = Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            var created = 0;
            for (var i = 0; i < PerCaller; i++)
            {
                var job = new BotJob
                {
                    Id = $"c{c}-{i}",
                    Origin = new ChatOrigin("bench", "W", "C"),
                    UserId = "U" + ((c + i) % Users),
                    Request = new VideoRequest { Prompt = "x", DurationSeconds = 5 },
                    Seconds = 5,
                    CreatedAt = T0,
                };
                if ((await store.TryCreateAsync(job, Check, CancellationToken.None)).Created)
                {
                    created++;
                }
            }

            return created;
        }));
        var total = (await Task.WhenAll(callers)).Sum();
        for (var u = 0; u < Users; u++)
        {
            var usage = await store.GetUsageAsync("bench", "W", "U" + u, T0.AddHours(-1), CancellationToken.None);
            if (usage.Videos > DailyVideos)
            {
                throw new InvalidOperationException($"U{u} is over quota: {usage.Videos} > {DailyVideos}.");
            }
        }

        return total != Users * DailyVideos
            ? throw new InvalidOperationException($"{total} reservations passed; expected exactly {Users * DailyVideos}.")
            : total;
    }
}
