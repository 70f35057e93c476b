using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Video;
using SeedanceBot.Seedance.Http;
using SeedanceBot.Seedance.RateLimiting;
using SeedanceBot.Simulator;
using SeedanceBot.Testing.Logging;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Seedance.Tests;

/// <summary>The real client, built by <see cref="SeedanceServiceCollectionExtensions.AddSeedanceClient"/>, talking over real HTTP to a simulator; both on one fake clock.</summary>
internal sealed class SeedanceTestHost : IAsyncDisposable
{
    public const string ApiKey = "sk-test-9f8e7d6c5b4a";

    private readonly IHost _host;
    private bool _ownsSimulator = true;

    private SeedanceTestHost(IHost host, SeedanceSimulator simulator, FakeTimeProvider time, CapturingLoggerProvider logs)
    {
        _host = host;
        Simulator = simulator;
        Time = time;
        Logs = logs;
    }

    public SeedanceSimulator Simulator { get; }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; }

    public ISeedanceClient Client => _host.Services.GetRequiredService<ISeedanceClient>();

    public IVideoProvider Provider => _host.Services.GetRequiredService<IVideoProvider>();

    public RateLimitGate Gate => _host.Services.GetRequiredService<RateLimitGate>();

    /// <summary>Fast, fake-time resilience settings; override any key with <paramref name="settings"/>.</summary>
    /// <param name="simulator">The simulator's options, when the host starts its own.</param>
    /// <param name="settings">Settings over the host's own.</param>
    /// <param name="shared">Another host whose simulator and clock this one shares (a second replica).</param>
    /// <param name="configure">Extra services (e.g. a shared request budget).</param>
    public static async Task<SeedanceTestHost> StartAsync(SimulatorOptions? simulator = null, IDictionary<string, string?>? settings = null, SeedanceTestHost? shared = null, Action<IServiceCollection>? configure = null)
    {
        var time = shared?.Time ?? FakeClock.Create();
        var sim = shared?.Simulator ?? await SeedanceSimulator.StartAsync(simulator ?? new SimulatorOptions { ApiKeys = ApiKey, RequestsPerMinute = 1000 }, time);
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var config = new Dictionary<string, string?>
        {
            ["Seedance:BaseUrl"] = sim.ApiBaseUrl.ToString(),
            ["Seedance:ApiKey"] = ApiKey,
            ["Seedance:Resilience:MaxRetries"] = "3",
            ["Seedance:Resilience:BaseDelay"] = "00:00:01",
            ["Seedance:Resilience:AttemptTimeout"] = "00:10:00",
            ["Seedance:Resilience:TotalTimeout"] = "00:30:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        configure?.Invoke(builder.Services);
        builder.AddSeedanceClient();
        var host = builder.Build();
        await host.StartAsync();
        return new SeedanceTestHost(host, sim, time, logs) { _ownsSimulator = shared is null };
    }

    /// <summary>Runs a call while moving the fake clock whenever it waits (backoff, Retry-After, the gate).</summary>
    public Task<T> DriveAsync<T>(Task<T> call, double stepSeconds = 0.25) => Time.DriveAsync(call, TimeSpan.FromSeconds(stepSeconds));

    public Task DriveAsync(Task call, double stepSeconds = 0.25) => Time.DriveAsync(call, TimeSpan.FromSeconds(stepSeconds));

    public int RequestsTo(string method, string pathPrefix) =>
        Simulator.Requests.Count(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (_ownsSimulator)
        {
            await Simulator.DisposeAsync();
        }
    }
}
