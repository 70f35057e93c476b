using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;
using SeedanceBot.Playground;
using SeedanceBot.Storage.LiteDb;

namespace SeedanceBot.Benchmarks;

/// <summary>
/// Resident memory of the playground default: the Release bot started as its own process exactly as
/// <c>dotnet run --project src/SeedanceBot</c> runs it (no credentials, the built-in simulator; only the LiteDB file is
/// moved to a fresh temporary folder),
/// read from <c>/proc/&lt;pid&gt;/status</c> once <c>/readyz</c> answers and RSS has settled. Each runtime setting is a
/// row of the same run, set as <c>DOTNET_*</c> variables over the build's runtimeconfig.json; the "before" row sets them
/// back to the old values (Server GC, concurrent). Baselines of the same run: the old settings, and the simulator alone
/// (a small ASP.NET Core app of the same framework) under the same settings, the floor no bot code can go below.
/// Then 10,000 live jobs: queued playground jobs written into the LiteDB file with the store's own mapping before the
/// bot starts, which the engine picks up on its first pass.
/// </summary>
internal static class MemoryBenchmark
{
    private const int Rounds = 3;
    private const int ProbeCommands = 1_000;
    private const int ProbeConcurrency = 16;

    /// <summary>The old settings, every knob named so the build's own runtimeconfig.json cannot leak into the row.</summary>
    private static readonly Dictionary<string, string> Before = new(StringComparer.Ordinal)
    {
        ["DOTNET_gcServer"] = "1",
        ["DOTNET_gcConcurrent"] = "1",
        ["DOTNET_GCConserveMemory"] = "0",
        ["DOTNET_TieredPGO"] = "1",
        ["DOTNET_TieredCompilation"] = "1",
    };

    /// <summary>The row of the container image's build: the same settings, compiled ahead of time (<see cref="AotPublish"/>).</summary>
    private const string NativeAot = "Native AOT publish (the container image)";

    private static readonly (string Name, Dictionary<string, string> Knobs)[] Settings =
    [
        ("before: Server GC (DATAS), concurrent", Before),
        ("Server GC, DATAS off", With(Before, ("DOTNET_GCDynamicAdaptationMode", "0"))),
        ("workstation GC, concurrent", With(Before, ("DOTNET_gcServer", "0"))),
        ("workstation GC, non-concurrent", With(Before, ("DOTNET_gcServer", "0"), ("DOTNET_gcConcurrent", "0"))),
        ("workstation, non-concurrent, ConserveMemory 5", With(Before, ("DOTNET_gcServer", "0"), ("DOTNET_gcConcurrent", "0"), ("DOTNET_GCConserveMemory", "5"))),
        ("workstation, non-concurrent, TieredPGO off", With(Before, ("DOTNET_gcServer", "0"), ("DOTNET_gcConcurrent", "0"), ("DOTNET_TieredPGO", "0"))),
        ("workstation, non-concurrent, TieredCompilation off", With(Before, ("DOTNET_gcServer", "0"), ("DOTNET_gcConcurrent", "0"), ("DOTNET_TieredCompilation", "0"))),
        ("workstation, non-concurrent, W^X off (environment only)", With(Before, ("DOTNET_gcServer", "0"), ("DOTNET_gcConcurrent", "0"), ("DOTNET_EnableWriteXorExecute", "0"))),
        ("as built (runtimeconfig.json)", []),
        (NativeAot, []),
    ];

    private static string? _aotExecutable;

    public static async Task RunAsync(int liveJobs)
    {
        var root = Path.Combine(Path.GetTempPath(), "seedancebot-memory-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            _aotExecutable = await AotPublish.PublishAsync();
            await SettingsAsync(root);
            await LiveJobsAsync(root, liveJobs);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task SettingsAsync(string root)
    {
        var runs = Settings.ToDictionary(s => s.Name, _ => new List<IdleRun>(), StringComparer.Ordinal);
        var floors = new Dictionary<string, MemoryReading>(StringComparer.Ordinal);
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var (name, knobs) in Settings)
            {
                runs[name].Add(await IdleAsync(root, knobs, name));
                if (round == 0 && name != NativeAot)
                {
                    floors[name] = await FloorAsync(root, knobs);
                }
            }
        }

        var before = Median(runs[Settings[0].Name], r => r.Idle.Rss);
        Console.WriteLine($"Idle RSS of the playground default, medians of {Rounds} runs (MB; anonymous = GC heap, stacks, native; files = mapped images; shared = double-mapped JIT code):");
        Console.WriteLine();
        Console.WriteLine("| settings | ready in | idle RSS | anonymous | files | shared | ratio to before | simulator alone (floor) | after 1,000 /help | /help per s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, _) in Settings)
        {
            var r = runs[name];
            var idle = Median(r, x => x.Idle.Rss);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Median(r, x => x.ReadyAfter.TotalMilliseconds):N0} ms | {idle:F1} | {Median(r, x => x.Idle.Anonymous):F1} | {Median(r, x => x.Idle.Files):F1} | {Median(r, x => x.Idle.Shared):F1} | {idle / before:F2} | {(floors.TryGetValue(name, out var floor) ? floor.Rss.ToString("F1", CultureInfo.InvariantCulture) : "n/a")} | {Median(r, x => x.AfterLoad.Rss):F1} | {Median(r, x => x.CommandsPerSecond):N0} |"));
        }

        Console.WriteLine();
    }

    /// <summary>One start of the playground default: ready, settled idle RSS, a burst of /help, settled again.</summary>
    private static async Task<IdleRun> IdleAsync(string root, IReadOnlyDictionary<string, string> knobs, string name)
    {
        var store = Path.Combine(root, Guid.NewGuid().ToString("N"), "bot.db");
        await using var bot = await BotProcess.StartAsync("SeedanceBot", knobs, ["--Storage:Path=" + store], "/readyz", Executable(name));
        var (idle, _) = await bot.SettleAsync(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, ProbeConcurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= ProbeCommands)
            {
                using var response = await bot.Http.PostAsJsonAsync(new Uri("/playground/api/commands", UriKind.Relative), new { text = "/help", user = "bench" });
                response.EnsureSuccessStatusCode();
            }
        }));
        var perSecond = ProbeCommands / clock.Elapsed.TotalSeconds;
        var (afterLoad, _) = await bot.SettleAsync(TimeSpan.FromSeconds(30));
        return new IdleRun(bot.ReadyAfter, idle, afterLoad, perSecond);
    }

    private static async Task<MemoryReading> FloorAsync(string root, IReadOnlyDictionary<string, string> knobs)
    {
        await using var simulator = await BotProcess.StartAsync("SeedanceBot.Simulator", knobs, [], "/");
        return (await simulator.SettleAsync(TimeSpan.FromSeconds(30))).Reading;
    }

    private static async Task LiveJobsAsync(string root, int liveJobs)
    {
        var template = Path.Combine(root, "template", "bot.db");
        var seeding = Stopwatch.StartNew();
        Seed(template, liveJobs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{liveJobs:N0} queued playground jobs written into the LiteDB file before the start ({seeding.Elapsed.TotalSeconds:F1} s, {new FileInfo(template).Length / 1024.0 / 1024:F1} MB file)."));
        Console.WriteLine();
        Console.WriteLine($"| settings | idle RSS (empty file) | RSS with {liveJobs:N0} live jobs | per job | GC heap | GC committed | peak (VmHWM) | settled | first pass after ready | live jobs seen by the engine |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, knobs) in Settings.Where(s => s.Name.StartsWith("before", StringComparison.Ordinal) || s.Name.StartsWith("workstation GC", StringComparison.Ordinal) || s.Name.StartsWith("as built", StringComparison.Ordinal) || s.Name == NativeAot))
        {
            var idle = (await IdleAsync(root, knobs, name)).Idle.Rss;
            var path = Path.Combine(root, Guid.NewGuid().ToString("N"), "bot.db");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(template, path);
            await using var bot = await BotProcess.StartAsync("SeedanceBot", knobs, ["--Storage:Path=" + path], "/readyz", Executable(name));

            // The explicit signal that the engine tracks them: its jobs gauge, set on every pass, shows them.
            var clock = Stopwatch.StartNew();
            int seen;
            while ((seen = await LiveJobsSeenAsync(bot)) == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }

            var firstPass = clock.Elapsed;
            var (reading, settled) = await bot.SettleAsync(TimeSpan.FromSeconds(60));
            seen = await LiveJobsSeenAsync(bot);
            var metrics = await bot.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {idle:F1} MB | {reading.Rss:F1} MB | {(reading.Rss - idle) * 1024 / liveJobs:F1} KB | {Metric(metrics, "dotnet_gc_last_collection_heap_size_bytes{") / 1048576:F1} MB | {Metric(metrics, "dotnet_gc_last_collection_memory_committed_size_bytes{") / 1048576:F1} MB | {reading.Peak:F1} MB | {(settled ? "yes" : "no, median of the last 2 s of 60 s")} | {firstPass.TotalMilliseconds:N0} ms | {seen:N0} |"));
        }
    }

    private static string? Executable(string setting) => setting == NativeAot ? _aotExecutable : null;

    /// <summary>Sums every series of one metric in Prometheus text (e.g. the GC heap over its generations).</summary>
    private static double Metric(string text, string prefix) =>
        text.Split('\n').Where(line => line.StartsWith(prefix, StringComparison.Ordinal)).Sum(line => double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture));

    /// <summary>Sums the <c>seedancebot_jobs</c> gauge (queued, submitting, running as of the engine's last pass).</summary>
    private static async Task<int> LiveJobsSeenAsync(BotProcess bot)
    {
        var text = await bot.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return (int)text.Split('\n')
            .Where(line => line.StartsWith("seedancebot_jobs{", StringComparison.Ordinal)
                && (line.Contains("\"queued\"", StringComparison.Ordinal) || line.Contains("\"submitting\"", StringComparison.Ordinal) || line.Contains("\"running\"", StringComparison.Ordinal)))
            .Sum(line => double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Queued jobs as the playground's /video stores them (two per user, the default concurrent limit), inserted with
    /// the store's own document mapping in one bulk write.
    /// </summary>
    private static void Seed(string path, int count)
    {
        using var context = new LiteDbContext(Options.Create(new StorageOptions { Path = path }));
        _ = new LiteDbJobStore(context);
        var origin = new ChatOrigin(PlaygroundPlatform.PlatformName, PlaygroundEndpoints.WorkspaceId, PlaygroundEndpoints.ChannelId);
        var now = DateTimeOffset.UtcNow;
        var jobs = Enumerable.Range(0, count).Select(i => new BotJob
        {
            Id = JobIds.NewId(now),
            Origin = origin,
            UserId = "user" + (i / 2).ToString(CultureInfo.InvariantCulture),
            UserName = "user" + (i / 2).ToString(CultureInfo.InvariantCulture),
            Request = new VideoRequest { Prompt = "a fox walking through a snowy forest at dawn", DurationSeconds = 4, Style = "cinematic", AspectRatio = AspectRatio.Portrait, Seed = i },
            Seconds = 4,
            CreatedAt = now.AddMilliseconds(i - count),
            WebhookToken = JobIds.NewToken(),
            Version = 1,
        });
        context.Database.GetCollection<JobDocument>("jobs").InsertBulk(jobs.Select(LiteDbJobStore.ToDocument));
    }

    private static Dictionary<string, string> With(Dictionary<string, string> knobs, params (string Name, string Value)[] changes)
    {
        var copy = new Dictionary<string, string>(knobs, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            copy[name] = value;
        }

        return copy;
    }

    private static double Median(List<IdleRun> runs, Func<IdleRun, double> value)
    {
        var sorted = runs.Select(value).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private sealed record IdleRun(TimeSpan ReadyAfter, MemoryReading Idle, MemoryReading AfterLoad, double CommandsPerSecond);
}
