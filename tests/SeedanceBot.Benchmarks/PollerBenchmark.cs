using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Delivery;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;
using SeedanceBot.Seedance;
using SeedanceBot.Simulator;
using SeedanceBot.Testing.Fakes;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Benchmarks;

/// <summary>
/// The bot's poller against the guide's naive loop (every job polled every 15 s, Retry-After honoured), and the bot with
/// the simulator's completion webhooks, all over real HTTP against the simulator at 60 requests/minute, in simulated
/// time. Generation takes 60-180 s (3-15 s videos); all N commands arrive at once.
/// </summary>
internal static class PollerBenchmark
{
    private const int RequestsPerMinute = 60;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan NaiveInterval = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(IReadOnlyList<int> counts)
    {
        // A discarded warm-up: the clock steps while calls are on the wire, so a cold JIT would show as simulated delay.
        await RunBotAsync(10, seed: 1, webhooks: false);
        await RunNaiveAsync(10, seed: 1);
        await RunBotAsync(10, seed: 1, webhooks: true);
        var rows = new List<(PollerRun Bot, PollerRun Naive, PollerRun Webhook)>();
        foreach (var n in counts)
        {
            var bot = await RunBotAsync(n, seed: n, webhooks: false);
            Console.WriteLine(Format(bot));
            var naive = await RunNaiveAsync(n, seed: n);
            Console.WriteLine(Format(naive));
            var webhook = await RunBotAsync(n, seed: n, webhooks: true);
            Console.WriteLine(Format(webhook));
            rows.Add((bot, naive, webhook));
        }

        Console.WriteLine();
        Console.WriteLine("| N | strategy | completed | API requests/job | 429s | finish->post median (s) | p95 (s) | command->post median (s) | p95 (s) | simulated time |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (bot, naive, webhook) in rows)
        {
            Console.WriteLine(Row(bot));
            Console.WriteLine(Row(naive));
            Console.WriteLine(Row(webhook));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {bot.Jobs} | ratio naive/bot | | {naive.RequestsPerJob / bot.RequestsPerJob:0.00}x | | | | {naive.MedianEndToEndSeconds / bot.MedianEndToEndSeconds:0.00}x | {naive.P95EndToEndSeconds / bot.P95EndToEndSeconds:0.00}x | |"));
        }
    }

    private static async Task<PollerRun> RunBotAsync(int jobs, int seed, bool webhooks)
    {
        var time = FakeClock.Create();
        await using var simulator = await SeedanceSimulator.StartAsync(new SimulatorOptions { RequestsPerMinute = RequestsPerMinute, RandomSeed = seed }, time);
        await using var hooks = webhooks ? await HookListener.StartAsync() : null;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Seedance:BaseUrl"] = simulator.ApiBaseUrl.ToString(),
            ["Seedance:ApiKey"] = "bench",
            ["Seedance:MaxConcurrentJobs"] = "1000",
            ["Seedance:WebhookBaseUrl"] = hooks?.BaseUrl.ToString(),
            ["Seedance:Resilience:TotalTimeout"] = "00:30:00",
            ["Seedance:Resilience:AttemptTimeout"] = "00:10:00",
            ["Quotas:DailyVideos"] = "100000",
            ["Quotas:DailySeconds"] = "10000000",
            ["Quotas:MaxConcurrentJobs"] = "1000",
            ["Jobs:Timeout"] = "1.00:00:00",
        });
        builder.Logging.ClearProviders();
        var store = new InMemoryJobStore();
        var platform = new TimingPlatform(time);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IJobStore>(store);
        builder.Services.AddSingleton<SeedanceBot.Core.Media.IMediaStore>(new InMemoryMediaStore());
        builder.Services.AddSingleton<IQuotaSettingsStore>(store);
        builder.Services.AddSingleton<IChatPlatform>(platform);
        builder.AddSeedanceClient();
        builder.AddBotCore();
        using var host = builder.Build();
        hooks?.Serve(host.Services.GetRequiredService<JobWebhooks>());
        var video = host.Services.GetRequiredService<VideoCommand>();
        var engine = host.Services.GetRequiredService<JobEngine>();
        var random = new Random(seed);
        for (var i = 0; i < jobs; i++)
        {
            var request = new VideoRequest { Prompt = "shot " + i, DurationSeconds = random.Next(3, 16), Seed = i };
            await video.CreateAsync(new ChatOrigin(platform.Name, "bench", "C1"), new ChatUser("U" + (i % 20)), request, CancellationToken.None);
        }

        var started = time.GetUtcNow();
        while (platform.Delivered.Count < jobs)
        {
            await engine.RunOnceAsync(CancellationToken.None);
            await Task.Delay(2);
            time.Advance(Step);
        }

        while (engine.InFlight.Count > 0)
        {
            await Task.WhenAll(engine.InFlight);
        }

        var finishes = simulator.Jobs.ToDictionary(j => j.Id, j => j.FinishesAt);
        var times = store.All.Select(j => ((platform.Delivered[j.Id] - finishes[j.ProviderJobId!]).TotalSeconds, (platform.Delivered[j.Id] - j.CreatedAt).TotalSeconds)).ToList();
        return PollerRun.From(webhooks ? "bot + webhook" : "bot poller", jobs, times, simulator.Requests.Count, simulator.Requests.Count(r => r.StatusCode == 429), time.GetUtcNow() - started);
    }

    private static async Task<PollerRun> RunNaiveAsync(int jobs, int seed)
    {
        var time = FakeClock.Create();
        await using var simulator = await SeedanceSimulator.StartAsync(new SimulatorOptions { RequestsPerMinute = RequestsPerMinute, RandomSeed = seed }, time);
        using var http = new HttpClient { BaseAddress = new Uri(simulator.ApiBaseUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bench");
        var random = new Random(seed);
        var seen = new ConcurrentDictionary<string, DateTimeOffset>();
        var started = time.GetUtcNow();
        var loops = Enumerable.Range(0, jobs).Select(i => NaiveJobAsync(http, time, i, random.Next(3, 16), seen)).ToList();
        var all = Task.WhenAll(loops);
        while (!all.IsCompleted)
        {
            await Task.Delay(2);
            time.Advance(Step);
        }

        await all;
        var finishes = simulator.Jobs.ToDictionary(j => j.Id, j => j.FinishesAt);
        var times = seen.Select(s => ((s.Value - finishes[s.Key]).TotalSeconds, (s.Value - started).TotalSeconds)).ToList();
        return PollerRun.From("naive 15 s loop", jobs, times, simulator.Requests.Count, simulator.Requests.Count(r => r.StatusCode == 429), time.GetUtcNow() - started);
    }

    /// <summary>The guide's loop: submit, then GET every 15 s until done; a 429 is retried after its Retry-After.</summary>
    private static async Task NaiveJobAsync(HttpClient http, TimeProvider time, int index, int seconds, ConcurrentDictionary<string, DateTimeOffset> seen)
    {
        string id;
        while (true)
        {
            using var body = new StringContent($$"""{"prompt":"shot {{index}}","duration_secs":{{seconds}},"seed":{{index}}}""", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("videos", UriKind.Relative), body);
            if (await WaitIfLimitedAsync(response, time))
            {
                continue;
            }

            id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            break;
        }

        while (true)
        {
            await Task.Delay(NaiveInterval, time);
            HttpResponseMessage response;
            while (true)
            {
                response = await http.GetAsync(new Uri("videos/" + id, UriKind.Relative));
                if (!await WaitIfLimitedAsync(response, time))
                {
                    break;
                }

                response.Dispose();
            }

            using var answered = response;
            var status = JsonDocument.Parse(await answered.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
            if (status is "succeeded" or "failed")
            {
                seen[id] = time.GetUtcNow();
                return;
            }
        }
    }

    private static async Task<bool> WaitIfLimitedAsync(HttpResponseMessage response, TimeProvider time)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return false;
        }

        await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), time);
        return true;
    }

    private static string Format(PollerRun run) => string.Create(CultureInfo.InvariantCulture,
        $"{run.Strategy,-16} N={run.Jobs,-4} completed={run.Completed,-4} requests/job={run.RequestsPerJob:0.00} 429s={run.TooManyRequests} finish->post median={run.MedianDelaySeconds:0.0}s p95={run.P95DelaySeconds:0.0}s command->post median={run.MedianEndToEndSeconds:0.0}s p95={run.P95EndToEndSeconds:0.0}s simulated={run.SimulatedTime}");

    private static string Row(PollerRun run) => string.Create(CultureInfo.InvariantCulture,
        $"| {run.Jobs} | {run.Strategy} | {run.Completed} | {run.RequestsPerJob:0.00} | {run.TooManyRequests} | {run.MedianDelaySeconds:0.0} | {run.P95DelaySeconds:0.0} | {run.MedianEndToEndSeconds:0.0} | {run.P95EndToEndSeconds:0.0} | {run.SimulatedTime:hh\\:mm\\:ss} |");

    /// <summary>Stamps when each job's final message was delivered, on the fake clock.</summary>
    private sealed class TimingPlatform(TimeProvider time) : IChatPlatform
    {
        public ConcurrentDictionary<string, DateTimeOffset> Delivered { get; } = new(StringComparer.Ordinal);

        public string Name => "bench";

        public Task<string?> ShowStatusAsync(BotJob job, ChatMessage message, CancellationToken cancellationToken) => Task.FromResult<string?>(job.Id);

        public Task<string?> DeliverAsync(BotJob job, JobDelivery delivery, bool isRetry, CancellationToken cancellationToken)
        {
            Delivered.TryAdd(job.Id, time.GetUtcNow());
            return Task.FromResult<string?>(null);
        }
    }
}
