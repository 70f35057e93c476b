using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Simulator;
using SeedanceBot.Testing.Postgres;
using SeedanceBot.Testing.Slack;

namespace SeedanceBot.Tests;

/// <summary>
/// A rolling restart in HTTP mode, in real time on real sockets: two replicas (whole bots as Program.cs builds them) on
/// one PostgreSQL database behind <see cref="ReadinessProxy"/>. While signed Slack /video commands keep arriving, A is
/// stopped gracefully (as on SIGTERM: /readyz fails first, then it drains), started again, then B the same way.
/// </summary>
public sealed class RollingRestartTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Channel = "C0CHAN";
    private const string User = "U0USER";
    private static readonly TimeSpan AckLimit = TimeSpan.FromSeconds(3);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RollingRestart_WhileSignedCommandsArrive_AcknowledgesEveryCommandWithin3s_NoneLostNoneDoubled()
    {
        // Both replicas, the proxy, the fakes and the senders share this one test process and its thread pool (in production
        // each replica is its own process): a replica starting or stopping here must not starve the others' threads while
        // the pool grows one thread at a time, which showed as three commands stalled together for ~3.3 s under CI's load.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
        var connectionString = await cluster.CreateDatabaseAsync(Token);
        await using var slack = await FakeSlack.StartAsync(TimeProvider.System);
        await using var simulator = await SeedanceSimulator.StartAsync(new SimulatorOptions { RequestsPerMinute = 100_000, BaseGenerationSeconds = 3600 });
        await using var a = new Replica("bot-a", FreePort(), Settings("bot-a", connectionString, slack, simulator));
        await using var b = new Replica("bot-b", FreePort(), Settings("bot-b", connectionString, slack, simulator));
        await a.StartAsync();
        await b.StartAsync();
        await using var proxy = await ReadinessProxy.StartAsync(a.Address, b.Address);
        using var http = new HttpClient { BaseAddress = proxy.Address, Timeout = TimeSpan.FromSeconds(30) };
        var sent = new ConcurrentBag<(string Trigger, HttpStatusCode Status, TimeSpan Took, bool Queued)>();
        using var stop = new CancellationTokenSource();

        // About 15 commands a second over three senders: a busy workspace, not a flood the job engine queues for minutes.
        async Task SendUntilStoppedAsync()
        {
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            while (!stop.IsCancellationRequested && await pace.WaitForNextTickAsync(Token))
            {
                var command = slack.NewSlashCommand("/video", "a fox in the snow --duration 4", Channel, User + (sent.Count % 10).ToString(CultureInfo.InvariantCulture));
                var clock = Stopwatch.StartNew();
                using var response = await SendSignedAsync(http, command);
                var took = clock.Elapsed;
                var answer = await response.Content.ReadAsStringAsync(Token);
                sent.Add(((string)command["trigger_id"]!, response.StatusCode, took, answer.Contains("Queued as job", StringComparison.Ordinal)));
            }
        }

        var watch = Stopwatch.StartNew();
        void Note(string what) => TestContext.Current.TestOutputHelper?.WriteLine($"{watch.Elapsed.TotalSeconds:F1}s {what}: sent {sent.Count}, 503 {sent.Count(c => c.Status != HttpStatusCode.OK)}, none ready {proxy.NoneReady}");
        var senders = Enumerable.Range(0, 3).Select(_ => Task.Run(SendUntilStoppedAsync, Token)).ToArray();
        await WaitForCommandsAsync(sent, 10);
        Note("before a.StopAsync");
        await a.StopAsync();
        await WaitForCommandsAsync(sent, sent.Count + 5);
        Note("before a.StartAsync");
        await a.StartAsync();
        await WaitForCommandsAsync(sent, sent.Count + 10);
        Note("before b.StopAsync");
        await b.StopAsync();
        await WaitForCommandsAsync(sent, sent.Count + 5);
        Note("before b.StartAsync");
        await b.StartAsync();
        await WaitForCommandsAsync(sent, sent.Count + 10);
        Note("before stop.CancelAsync");
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        // A command answered late (its user new to the replica) has its job before its response_url answer: wait for those.
        int Answered() => sent.Count(c => c.Queued) + slack.Responses.Count(r => r.Text.StartsWith("Queued as job", StringComparison.Ordinal));
        try
        {
            await FakeSlack.WaitUntilAsync(() => Answered() >= sent.Count, TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
            // A lost command is never answered: the assertions below say how many.
        }

        Note("answered " + Answered());
        var store = a.Services.GetRequiredService<IJobStore>();
        var jobs = new List<BotJob>();
        for (var user = 0; user < 10; user++)
        {
            jobs.AddRange(await store.ListRecentAsync("slack", FakeSlack.TeamId, User + user.ToString(CultureInfo.InvariantCulture), DateTimeOffset.MinValue, 10_000, Token));
        }

        await a.DisposeAsync();
        await b.DisposeAsync();
        Assert.All(sent, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.All(sent, s => Assert.True(s.Took < AckLimit, $"acknowledged after {s.Took.TotalMilliseconds:F0} ms"));
        Assert.Equal(0, proxy.NoneReady);
        Assert.Equal(sent.Count, jobs.Count);
        Assert.Equal(sent.Count, jobs.Select(j => j.Id).Distinct().Count());
        Assert.Equal(sent.Count, Answered());
        Assert.True(sent.Count >= 40, $"only {sent.Count} commands were sent");
    }

    private static async Task WaitForCommandsAsync(ConcurrentBag<(string Trigger, HttpStatusCode Status, TimeSpan Took, bool Queued)> sent, int count) =>
        await FakeSlack.WaitUntilAsync(() => sent.Count >= count, TimeSpan.FromSeconds(60));

    private static Dictionary<string, string> Settings(string replica, string connectionString, FakeSlack slack, SeedanceSimulator simulator) => new()
    {
        ["environment"] = "Testing",
        ["Seedance:BaseUrl"] = simulator.ApiBaseUrl.ToString(),
        ["Seedance:ApiKey"] = "sk-rolling-test",
        ["Storage:Provider"] = "Postgres",
        ["Storage:ConnectionString"] = connectionString,
        ["Replica:Id"] = replica,
        ["Shutdown:Drain"] = "00:00:01",
        ["Slack:Mode"] = "Http",
        ["Slack:BotToken"] = FakeSlack.BotToken,
        ["Slack:SigningSecret"] = SigningSecret,
        ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
        ["Quotas:DailyVideos"] = "100000",
        ["Quotas:DailySeconds"] = "10000000",
        ["Quotas:MaxConcurrentJobs"] = "1000",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private static async Task<HttpResponseMessage> SendSignedAsync(HttpClient http, System.Text.Json.Nodes.JsonObject command)
    {
        var body = string.Join('&', command.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString((string?)p.Value ?? string.Empty)));
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/commands") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        return await http.SendAsync(request);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One replica on a fixed port, so a restart comes back where the proxy expects it.</summary>
    private sealed class Replica(string id, int port, Dictionary<string, string> settings) : IAsyncDisposable
    {
        private WebApplication? _app;

        public string Id => id;

        public SeedanceBot.Testing.Logging.CapturingLoggerProvider Logs { get; } = new();

        public Uri Address => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));

        public IServiceProvider Services => _app!.Services;

        public async Task StartAsync()
        {
            var args = settings.Select(s => $"--{s.Key}={s.Value}").Append($"--urls={Address}").ToArray();
            _app = await BotApplication.BuildAsync(args, builder => builder.Logging.AddProvider(Logs));
            await _app.StartAsync(Token);
        }

        /// <summary>What SIGTERM does: the host's graceful stop (readiness fails, the drain, then the services and Kestrel).</summary>
        public async Task StopAsync()
        {
            await _app!.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
            _app = null;
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await StopAsync();
            }
        }
    }
}
