using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Styles;
using SeedanceBot.Simulator;
using SeedanceBot.Testing.Conformance;
using SeedanceBot.Testing.Logging;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Tests;

/// <summary>
/// The whole bot as Program.cs builds it, on 127.0.0.1:0 over a LiteDB file, talking to a simulator that outlives it
/// (so a test can stop the bot mid-job and start a new one over the same file). Both run on one fake clock.
/// </summary>
internal sealed class BotHost : IAsyncDisposable
{
    private WebApplication? _app;
    private bool _ownsSimulator = true;
    private Task? _stopping;

    private BotHost(SeedanceSimulator simulator, FakeTimeProvider time, string folder)
    {
        Simulator = simulator;
        Time = time;
        Folder = folder;
    }

    public SeedanceSimulator Simulator { get; }

    /// <summary>Everything the bot logged (at the level the settings allow; Warning unless a test asks for more).</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public FakeTimeProvider Time { get; }

    /// <summary>The bot's HTTP answers to Discord and Slack, checked against their rules (every bot process of this host).</summary>
    public AnswerConformance Answers { get; } = new();

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "bot.db");

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    /// <param name="simulator">The simulator's options, when this host starts its own.</param>
    /// <param name="settings">The bot's settings on top of the host's own.</param>
    /// <param name="clock">The fake clock, shared with fakes the test started.</param>
    /// <param name="sharedSimulator">A simulator the test started and disposes (several replicas share one API).</param>
    public static async Task<BotHost> StartAsync(SimulatorOptions? simulator = null, IReadOnlyDictionary<string, string>? settings = null, FakeTimeProvider? clock = null, SeedanceSimulator? sharedSimulator = null)
    {
        var time = clock ?? FakeClock.Create();
        var sim = sharedSimulator ?? await SeedanceSimulator.StartAsync(simulator ?? new SimulatorOptions { RequestsPerMinute = 600 }, time);
        var host = new BotHost(sim, time, Path.Combine(Path.GetTempPath(), "seedancebot-host-tests", Guid.NewGuid().ToString("N")));
        host._ownsSimulator = sharedSimulator is null;
        host.Settings = settings ?? new Dictionary<string, string>();
        await host.StartBotAsync();
        return host;
    }

    /// <summary>Starts a bot process over the same database file (after <see cref="StopBotAsync"/> it is a restart).</summary>
    public async Task StartBotAsync()
    {
        var args = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["environment"] = "Testing",
            ["Seedance:BaseUrl"] = Simulator.ApiBaseUrl.ToString(),
            ["Seedance:ApiKey"] = "sk-host-test",
            ["Seedance:Resilience:BaseDelay"] = "00:00:01",
            ["Storage:Path"] = DatabasePath,
            ["Jobs:MinPollInterval"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Settings)
        {
            args[key] = value;
        }

        _app = await BotApplication.BuildAsync([.. args.Select(a => $"--{a.Key}={a.Value}")], builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(Time);
            builder.Services.AddSingleton<IStartupFilter>(Answers);
            builder.Logging.AddProvider(Logs);
        });
        await _app.StartAsync();

        // A running bot has its styles from the refresher's first fetch before anyone types: start tests from there.
        await Time.DriveAsync(_app.Services.GetRequiredService<StylesCache>().RefreshAsync(CancellationToken.None), TimeSpan.FromSeconds(1));
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    /// <summary>Begins a graceful stop (as SIGTERM does) without waiting for it; <see cref="StopBotAsync"/> finishes it.</summary>
    public Task BeginStop() => _stopping ??= _app!.StopAsync();

    public async Task StopBotAsync()
    {
        if (_app is null)
        {
            return;
        }

        // Stopping waits for calls in flight on the pipelines' clock (Polly), which is the fake one: drive it.
        await Time.DriveAsync(BeginStop(), TimeSpan.FromSeconds(1));
        _stopping = null;
        Http.Dispose();
        await Time.DriveAsync(_app.DisposeAsync().AsTask(), TimeSpan.FromSeconds(1));
        _app = null;
    }

    /// <summary>
    /// A crash, as near as one process can come to it: the store is cut off first (no renewal, release or write after
    /// this instant; calls already on the wire may still land), then the app is disposed without a graceful stop.
    /// </summary>
    public async Task KillAsync()
    {
        if (_app is null)
        {
            return;
        }

        Http.Dispose();
        await _app.Services.GetRequiredService<NpgsqlDataSource>().DisposeAsync();
        await Time.DriveAsync(_app.DisposeAsync().AsTask(), TimeSpan.FromSeconds(1));
        _app = null;
    }

    public async Task<JsonElement> SendAsync(string text, string user = "you")
    {
        using var response = await Http.PostAsJsonAsync(new Uri("/playground/api/commands", UriKind.Relative), new { text, user });
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public async Task<IReadOnlyList<JsonElement>> MessagesAsync(string user = "you")
    {
        var json = await Http.GetStringAsync(new Uri("/playground/api/messages?user=" + user, UriKind.Relative));
        return [.. JsonDocument.Parse(json).RootElement.EnumerateArray()];
    }

    public Task<BotJob?> JobAsync(string id) => Services.GetRequiredService<IJobStore>().GetAsync(id, CancellationToken.None);

    /// <summary>Moves the fake clock in steps until <paramref name="done"/> holds.</summary>
    public async Task RunUntilAsync(Func<Task<bool>> done, double stepSeconds = 1, int maxSteps = 2000)
    {
        for (var step = 0; step < maxSteps; step++)
        {
            if (await done())
            {
                return;
            }

            Time.Advance(TimeSpan.FromSeconds(stepSeconds));
            await FakeClock.SettleAsync();
        }

        throw new TimeoutException("The condition did not hold in time.");
    }

    public async ValueTask DisposeAsync()
    {
        await StopBotAsync();
        if (_ownsSimulator)
        {
            await Simulator.DisposeAsync();
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Answers.ThrowIfUnexpected();
    }
}
