using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;
using SeedanceBot.Storage.LiteDb;

namespace SeedanceBot.Benchmarks;

/// <summary>
/// Quota reservations (atomic check-and-insert) with 16 concurrent callers on a real LiteDB file that already holds 0,
/// 10,000 or 100,000 finished jobs of the same users from earlier days: the cost must not grow with history. Every
/// iteration checks the invariant: no user ever over quota, exactly the allowed number passed.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class QuotaReservationBenchmark
{
    public const int Callers = 16;
    public const int PerCaller = 25;
    private const int Users = 8;
    private const int DailyVideos = 40;

    private static readonly DateTimeOffset T0 = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly bool RandomIds = Environment.GetEnvironmentVariable("QUOTA_IDS") == "random";

    /// <summary>The start of the benchmark's quota day.</summary>
    public static DateTimeOffset Since => T0.AddHours(-1);
    private static readonly QuotaCheck Check = new(new QuotaLimits(DailyVideos, 1_000_000, 1_000_000), null, null, Since, Since);

    private string _template = string.Empty;
    private string _folder = string.Empty;
    private LiteDbContext? _context;
    private IJobStore _liteDb = null!;

    [Params(0, 10_000, 100_000)]
    public int PriorJobs { get; set; }

    /// <summary>Writes the history once per size; each iteration starts from a copy of that file.</summary>
    [GlobalSetup]
    public void WriteHistory()
    {
        _template = Path.Combine(Path.GetTempPath(), "seedancebot-bench", "history-" + PriorJobs + "-" + Guid.NewGuid().ToString("N"), "bench.db");
        using var context = new LiteDbContext(Options.Create(new StorageOptions { Path = _template }));
        _ = new LiteDbJobStore(context);
        context.Database.GetCollection<JobDocument>("jobs").InsertBulk(History(PriorJobs).Select(LiteDbJobStore.ToDocument));
    }

    /// <summary>Finished, delivered jobs of the same 8 users on earlier days, every 30 s back from yesterday.</summary>
    public static IEnumerable<BotJob> History(int count) => Enumerable.Range(0, count).Select(i => Job("U" + (i % Users), T0.AddDays(-1).AddSeconds(-i * 30)) with
    {
        State = JobState.Succeeded,
        Charge = ChargeState.Committed,
        Delivery = DeliveryState.Delivered,
        Version = 5,
    });

    [GlobalCleanup]
    public void DeleteHistory() => Directory.Delete(Path.GetDirectoryName(_template)!, recursive: true);

    [IterationSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "seedancebot-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "bench.db");
        File.Copy(_template, path);
        var context = new LiteDbContext(Options.Create(new StorageOptions { Path = path }));
        _context = context;
        _liteDb = new LiteDbJobStore(context);
    }

    [IterationCleanup]
    public void Cleanup()
    {
        _context?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Callers * PerCaller)]
    public Task<int> LiteDb() => ReserveAsync(_liteDb);

    /// <summary>16 callers race for 8 users' quotas of 40 videos; exactly 8 x 40 reservations may pass.</summary>
    public static Task<int> ReserveAsync(IJobStore store) => ReserveAsync([store]);

    /// <summary>The same race with the callers spread over <paramref name="replicas"/> (caller c on replica c mod n), one store each.</summary>
    public static async Task<int> ReserveAsync(IReadOnlyList<IJobStore> replicas)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        var store = replicas[0];
        var callers = Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            var created = 0;
            for (var i = 0; i < PerCaller; i++)
            {
                if ((await replicas[c % replicas.Count].TryCreateAsync(Job("U" + ((c + i) % Users), T0), Check, CancellationToken.None)).Created)
                {
                    created++;
                }
            }

            return created;
        }));
        var total = (await Task.WhenAll(callers)).Sum();
        for (var u = 0; u < Users; u++)
        {
            var usage = await store.GetUsageAsync("bench", "W", "U" + u, Since, CancellationToken.None);
            if (usage.Videos != DailyVideos)
            {
                throw new InvalidOperationException($"U{u} has {usage.Videos} videos today; the quota is {DailyVideos}.");
            }
        }

        return total != Users * DailyVideos
            ? throw new InvalidOperationException($"{total} reservations passed; expected exactly {Users * DailyVideos}.")
            : total;
    }

    /// <summary>
    /// A job with an id as the bot makes them (<see cref="JobIds.NewId"/>, from its creation time), or, with
    /// <c>QUOTA_IDS=random</c>, random from the first character as ids were before they began with their day.
    /// </summary>
    private static BotJob Job(string user, DateTimeOffset createdAt) => new()
    {
        Id = RandomIds ? RandomNumberGenerator.GetString("23456789abcdefghjkmnpqrstuvwxyz", 11) : JobIds.NewId(createdAt),
        Origin = new ChatOrigin("bench", "W", "C"),
        UserId = user,
        Request = new VideoRequest { Prompt = "a red fox running through fresh snow at dawn, cinematic", DurationSeconds = 5 },
        Seconds = 5,
        CreatedAt = createdAt,
    };
}
