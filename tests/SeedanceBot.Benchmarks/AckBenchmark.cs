using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NSec.Cryptography;
using SeedanceBot.Simulator;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Hosting;
using SeedanceBot.Testing.Postgres;
using SeedanceBot.Testing.Slack;

namespace SeedanceBot.Benchmarks;

/// <summary>
/// How fast a person's <c>/video</c> is acknowledged when many arrive at once: N concurrent signed slash commands over
/// Slack's HTTP endpoint, and N concurrent Ed25519-signed interactions over Discord's, against the whole bot (its Release
/// build in its own process, a real LiteDB file, the simulator and the fake platforms on loopback in this one, real time). One <c>GET /healthz</c> for
/// every ten commands, released at the same instant, measures the same process's floor: the ack p99 is reported as a
/// ratio to theirs. Each bot takes two bursts from the same N people: their first command to it (nobody known yet: on
/// Slack acknowledged at once and answered through the response_url, see <c>SlackAdmins</c>; on Discord the store
/// reads each person's day for the first time) and, once that has settled, their second. Each runs twice: with the
/// client's connections opened in the burst ("cold": N TCP connects and accepts at once) and with them opened before it
/// ("warm": a platform's pool of kept-alive connections to the endpoint), so the bot's own cost is told from the
/// machine's connection setup.
/// </summary>
internal static class AckBenchmark
{
    private const string SlackSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    /// <summary>Who sends the warm-up bursts (counting down from here): nobody measured (on Slack, a few admin lookups).</summary>
    private const int WarmUpPerson = 999_999;

    /// <param name="concurrencies">The burst sizes, each measured on a fresh bot.</param>
    /// <param name="postgres">Run the bot on PostgreSQL (a throwaway cluster with durable commits) instead of its LiteDB file.</param>
    public static async Task RunAsync(IReadOnlyList<int> concurrencies, bool postgres = false)
    {
        await using var cluster = postgres ? new PostgresCluster { Durable = true } : null;
        if (cluster is not null)
        {
            await cluster.InitializeAsync();
            if (cluster.SkipReason is { } reason)
            {
                Console.WriteLine(reason);
                return;
            }
        }

        Console.WriteLine(postgres ? "Store: PostgreSQL (a throwaway cluster, fsync and synchronous commit on)." : "Store: a LiteDB file.");
        Console.WriteLine(BotUnderTest.Inline ? "Bot: in the benchmark's process (ACK_BOT=inline)." : "Bot: its Release build in its own process (ACK_BOT=inline runs it in this one).");
        var runs = int.TryParse(Environment.GetEnvironmentVariable("ACK_RUNS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3;
        Console.WriteLine($"Each row: the median of {runs} runs by p99, each on a fresh bot (ACK_RUNS).");
        Console.WriteLine("| door | concurrent | connections | people | answered in the ack | ack p50 | ack p99 | ack max | /healthz p99 | p99 ratio | p99 of each run |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var concurrent in concurrencies)
        {
            foreach (var warm in new[] { false, true }.Where(w => Selected("ACK_CONNECTIONS", w ? "warm" : "cold")))
            {
                foreach (var door in new[] { "slack", "discord" }.Where(d => Selected("ACK_DOORS", d)))
                {
                    var measured = new List<List<(string People, List<double> Acks, int Answered, List<double> Health)>>();
                    for (var run = 0; run < runs; run++)
                    {
                        measured.Add(await MeasureAsync(door, concurrent, cluster is null ? null : await cluster.CreateDatabaseAsync(), warm));
                    }

                    foreach (var people in measured[0].Select(b => b.People))
                    {
                        var bursts = measured.Select(m => m.Single(b => b.People == people)).OrderBy(b => Percentile(b.Acks, 0.99)).ToList();
                        var (_, acks, answered, health) = bursts[bursts.Count / 2];
                        var p99 = Percentile(acks, 0.99);
                        var healthP99 = Percentile(health, 0.99);
                        var each = string.Join(" / ", bursts.Select(b => Percentile(b.Acks, 0.99).ToString("F0", CultureInfo.InvariantCulture)));
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"| {door} HTTP | {concurrent} | {(warm ? "warm" : "cold")} | {people} | {answered} | {Percentile(acks, 0.5):F0} ms | {p99:F0} ms | {acks.Max():F0} ms | {healthP99:F0} ms | {p99 / Math.Max(healthP99, 1):F1}x | {each} ms |"));
                    }
                }
            }
        }
    }

    /// <summary>
    /// A focused run: <c>ACK_DOORS=discord</c>, <c>ACK_CONNECTIONS=warm</c> (unset: every door, both kinds);
    /// <c>ACK_RUNS=1</c> (unset: 3 runs a row); <c>ACK_WARMUPS=5</c> (unset: 3 warm-up bursts); <c>ACK_LOG=Warning</c>
    /// sets the bot's log level (unset: errors only); <c>ACK_BOT=inline</c> and <c>ACK_BOT_ENV</c>: see <see cref="BotUnderTest"/>.
    /// </summary>
    private static bool Selected(string variable, string value) =>
        Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } chosen || chosen.Split(',').Contains(value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Two bursts on one bot: N people's first command to it, then (once that work has settled) their second.</summary>
    private static async Task<List<(string People, List<double> Acks, int Answered, List<double> Health)>> MeasureAsync(string door, int concurrent, string? postgres, bool warm)
    {
        var time = TimeProvider.System;
        await using var simulator = await SeedanceSimulator.StartAsync(new SimulatorOptions { RequestsPerMinute = 1_000_000 }, time);
        await using var slack = await FakeSlack.StartAsync(time);
        await using var discord = await FakeDiscord.StartAsync(time);

        // The fakes' payload checks are the platforms' work on their own machines, not the bot's: off for the timing.
        slack.CheckPayloads = false;
        discord.CheckPayloads = false;
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var folder = Path.Combine(Path.GetTempPath(), "seedancebot-ack-bench", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>(HttpDoors.HttpModeSettings(slack, discord, SlackSecret, key))
        {
            ["Seedance:BaseUrl"] = simulator.ApiBaseUrl.ToString(),
            ["Seedance:ApiKey"] = "sk-bench",
            ["Storage:Path"] = Path.Combine(folder, "bot.db"),
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("ACK_LOG") ?? "Error",
            ["Quotas:DailyVideos"] = "100000",
            ["Quotas:DailySeconds"] = "10000000",
            ["Quotas:MaxConcurrentJobs"] = "1000",
        };
        if (postgres is not null)
        {
            settings["Storage:Provider"] = "Postgres";
            settings["Storage:ConnectionString"] = postgres;
        }

        var bot = await BotUnderTest.StartAsync(settings);
        try
        {
            var address = bot.Address;
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            using var doorsHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            using var doors = new HttpDoors(doorsHttp, TimeProvider.System, SlackSecret, key, TimeSpan.FromSeconds(60));
            var pools = warm ? new[] { doorsHttp, http } : null;

            // Warm up the process (JIT tiers, thread pool, connection pool, the styles cache): discarded bursts of N
            // commands from four other people each, each followed by a wait until the simulator has every job of it (or
            // 10 s). A JIT process runs tier-0 code at first and recompiles what is hot in the background, which takes
            // more than one burst on 2 busy cores: one burst left Discord's acks at 400 ms, three bring them to what
            // more rounds give. The container image is compiled ahead of time and needs none of this.
            var warmUps = int.TryParse(Environment.GetEnvironmentVariable("ACK_WARMUPS"), CultureInfo.InvariantCulture, out var w) && w > 0 ? w : 3;
            for (var round = 1; round <= warmUps; round++)
            {
                await BurstAsync(http, doors, door, slack, discord, concurrent, pools, person: i => WarmUpPerson - (i % 4) - (4 * round));
                for (var waited = Stopwatch.StartNew(); simulator.Jobs.Count < round * concurrent && waited.Elapsed < TimeSpan.FromSeconds(10);)
                {
                    await Task.Delay(10);
                }
            }

            var first = await BurstAsync(http, doors, door, slack, discord, concurrent, pools);

            // Settled: on Slack, a first contact is answered through the response_url once users.info says (or gives up).
            if (door == "slack")
            {
                var pending = first.Unanswered.ToHashSet(StringComparer.Ordinal);
                await FakeSlack.WaitUntilAsync(() => slack.Responses.Select(r => r.Url).Where(pending.Contains).Distinct().Count() >= pending.Count, TimeSpan.FromMinutes(2));
            }

            var second = await BurstAsync(http, doors, door, slack, discord, concurrent, pools);
            return [("new", first.Acks, first.Answered, first.Health), ("returning", second.Acks, second.Answered, second.Health)];
        }
        finally
        {
            await bot.DisposeAsync();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// N commands released at once, with one /healthz for every ten released with them (the same process's floor); also
    /// how many acknowledgements carried the answer (the rest were empty, the answer following through the response_url).
    /// </summary>
    private static async Task<(List<double> Acks, int Answered, List<string> Unanswered, List<double> Health)> BurstAsync(HttpClient http, HttpDoors doors, string door, FakeSlack slack, FakeDiscord discord, int concurrent, HttpClient[]? warmPools, Func<int, int>? person = null)
    {
        if (warmPools is [var commands, var probesClient])
        {
            // Each client opens as many connections as it will use at once, then keeps them idle for the burst.
            await Task.WhenAll(Enumerable.Range(0, concurrent).Select(_ => commands.GetAsync(new Uri("/healthz", UriKind.Relative))));
            await Task.WhenAll(Enumerable.Range(0, Math.Max(10, concurrent / 10)).Select(_ => probesClient.GetAsync(new Uri("/healthz", UriKind.Relative))));
        }

        // The gate lets everyone go in the order they began waiting, so the probes are interleaved with the commands
        // (one before every tenth): released ahead of the burst, they would measure the process before it is loaded.
        using var gate = new SemaphoreSlim(0);
        var probeCount = Math.Max(10, concurrent / 10);
        var probes = new List<Task<double>>(probeCount);
        var sends = new List<Task<(double Ms, bool Answered, string? ResponseUrl)>>(concurrent);
        for (var i = 0; i < concurrent; i++)
        {
            if (probes.Count < probeCount && i % Math.Max(1, concurrent / probeCount) == 0)
            {
                probes.Add(ProbeAsync(http, gate));
            }

            var index = i;
            sends.Add(SendAfterAsync(gate, () => SendAsync(doors, door, slack, discord, person?.Invoke(index) ?? index)));
        }

        while (probes.Count < probeCount)
        {
            probes.Add(ProbeAsync(http, gate));
        }

        gate.Release(concurrent + probes.Count);
        var acks = await Task.WhenAll(sends);
        var health = (await Task.WhenAll(probes)).ToList();
        return ([.. acks.Select(a => a.Ms)], acks.Count(a => a.Answered), [.. acks.Where(a => !a.Answered && a.ResponseUrl is not null).Select(a => a.ResponseUrl!)], health);
    }

    private static async Task<double> ProbeAsync(HttpClient http, SemaphoreSlim gate)
    {
        await gate.WaitAsync();
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<T> SendAfterAsync<T>(SemaphoreSlim gate, Func<Task<T>> send)
    {
        await gate.WaitAsync();
        return await send();
    }

    /// <summary>
    /// One signed /video: how long its acknowledgement took, in milliseconds (from sending; the command is built first),
    /// whether it carried an answer, and on Slack its response_url.
    /// </summary>
    private static async Task<(double Ms, bool Answered, string? ResponseUrl)> SendAsync(HttpDoors doors, string door, FakeSlack slack, FakeDiscord discord, int index)
    {
        var person = index.ToString("D6", CultureInfo.InvariantCulture);
        var slackCommand = door == "slack"
            ? slack.NewSlashCommand("/video", "a fox walking through a snowy forest --duration 4", "C0BENCH", "U" + person)
                .Select(p => new KeyValuePair<string, string>(p.Key, (string?)p.Value ?? string.Empty)).ToList()
            : null;
        var interaction = door == "slack" ? null : discord.NewInteraction(2, Video, "1200000000000000222", "11" + index.ToString("D17", CultureInfo.InvariantCulture));
        var started = Stopwatch.GetTimestamp();
        var answer = slackCommand is not null ? await doors.SlackCommandAsync(slackCommand) : await doors.DiscordAsync(interaction!);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var responseUrl = slackCommand?.First(p => p.Key == "response_url").Value;
        return answer.Status == 200 ? (elapsed, answer.Body.Length > 0, responseUrl) : throw new InvalidOperationException($"{door} /video #{index} answered {answer.Status}: {answer.Body}");
    }

    private static JsonObject Video => new()
    {
        ["name"] = "video",
        ["type"] = 1,
        ["options"] = new JsonArray(
            new JsonObject { ["name"] = "prompt", ["type"] = 3, ["value"] = "a fox walking through a snowy forest" },
            new JsonObject { ["name"] = "duration", ["type"] = 4, ["value"] = 4 }),
    };

    private static double Percentile(List<double> values, double quantile)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
