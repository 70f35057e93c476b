using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SeedanceBot.Core;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Styles;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Conformance;
using SeedanceBot.Testing.Fakes;
using SeedanceBot.Testing.Http;
using SeedanceBot.Testing.Logging;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Testing.Hosting;

/// <summary>
/// One chat adapter as the app wires it (real HTTP client pipeline, real WebSocket), pointed at a fake platform, over
/// Core with in-memory stores and a scripted provider, all on one fake clock. The job engine runs only when a test asks
/// (<see cref="RunJobsAsync"/>); the web host and hosted services only when started.
/// </summary>
public abstract class AdapterHarness : IAsyncDisposable
{
    private static readonly TimeSpan DisposeStep = TimeSpan.FromSeconds(1);
    private WebApplication _app = null!;
    private bool _started;
    private bool _killed;

    protected AdapterHarness(FakeTimeProvider time)
    {
        Time = time;
        Provider = new FakeVideoProvider(time);
        Store = new InMemoryJobStore(time);
    }

    public FakeTimeProvider Time { get; }

    public InMemoryJobStore Store { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public FakeVideoProvider Provider { get; }

    public InMemoryMediaStore Media { get; } = new();

    /// <summary>The bot's HTTP answers (interaction responses, acknowledgements), checked against the platform's rules.</summary>
    public AnswerConformance Answers { get; } = new();

    /// <summary>A client for the bot's own web endpoints (when started).</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>
    /// Each HTTP request to the bot with, on the fake clock, when it reached the bot and when the bot started its
    /// response: what a deadline is measured on, free of the time the clock driver adds while bytes travel under load.
    /// </summary>
    public ConcurrentQueue<(string Path, DateTimeOffset ReceivedAt, DateTimeOffset AnsweredAt)> Exchanges { get; } = new();

    public IServiceProvider Services => _app.Services;

    /// <summary>One pass of the job engine, waiting for the work it started.</summary>
    public async Task RunJobsAsync()
    {
        var engine = Get<JobEngine>();
        await engine.RunOnceAsync(CancellationToken.None);
        while (engine.InFlight.Count > 0)
        {
            await Task.WhenAll(engine.InFlight);
        }
    }

    /// <summary>
    /// Fetches the provider's styles into the cache, as the background refresher does at start and every few minutes;
    /// call it after changing <see cref="FakeVideoProvider.Styles"/>.
    /// </summary>
    public Task RefreshStylesAsync() => Time.DriveAsync(Get<StylesCache>().RefreshAsync(CancellationToken.None), DisposeStep);

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>The adapter's settings pointing at the fake platform; the test's own settings go on top.</summary>
    protected abstract IEnumerable<KeyValuePair<string, string?>> PlatformSettings { get; }

    /// <summary>The lowest level <see cref="Logs"/> captures.</summary>
    protected virtual LogLevel MinimumLogLevel => LogLevel.Information;

    /// <summary>Registers the adapter (its <c>Add…</c> extension), plus any seam a test needs.</summary>
    protected abstract void AddAdapter(WebApplicationBuilder builder);

    /// <summary>Runs once the host is built, before it starts (the bot's past: what it already knows when the test begins).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>Runs after the harness's own registrations: a test swaps in other stores here (e.g. a shared database).</summary>
    protected virtual void ConfigureServices(WebApplicationBuilder builder)
    {
    }

    /// <summary>Maps the adapter's endpoints (its <c>Map…</c> extension).</summary>
    protected abstract void MapAdapter(WebApplication app);

    /// <param name="settings">Configuration on top of <see cref="PlatformSettings"/>.</param>
    /// <param name="start">Start the host: the web endpoints and hosted services (gateway or socket clients).</param>
    protected async Task BuildAsync(IEnumerable<KeyValuePair<string, string?>> settings, bool start)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.Logging.SetMinimumLevel(MinimumLogLevel);
        builder.Configuration.AddInMemoryCollection(PlatformSettings);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddBotCore();
        AddAdapter(builder);
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddSingleton<IJobStore>(Store);
        builder.Services.AddSingleton<SeedanceBot.Core.Media.IMediaStore>(Media);
        builder.Services.AddSingleton(SeedanceBot.Images.ImagesExtensions.CreateInspector());
        builder.Services.AddSingleton<IQuotaSettingsStore>(Store);
        builder.Services.AddSingleton<IInteractionLedger>(Store);
        builder.Services.AddSingleton<IPendingFormStore>(Store);
        builder.Services.AddSingleton<Core.Usage.IUsageHistory>(Store);
        builder.Services.AddSingleton<Core.Usage.IUsageChartRenderer>(new FakeUsageChartRenderer());
        builder.Services.AddSingleton<IVideoProvider>(Provider);
        builder.Services.AddSingleton<IStartupFilter>(Answers);

        // Tests move jobs with RunJobsAsync, one deterministic pass at a time, instead of Core's background worker.
        var worker = builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "JobWorker");
        builder.Services.Remove(worker);
        ConfigureServices(builder);
        _app = builder.Build();
        _app.Use((context, next) =>
        {
            var receivedAt = Time.GetUtcNow();
            context.Response.OnStarting(() =>
            {
                Exchanges.Enqueue((context.Request.Path, receivedAt, Time.GetUtcNow()));
                return Task.CompletedTask;
            });
            return next(context);
        });
        MapAdapter(_app);
        await BeforeStartAsync();
        if (start)
        {
            Http = new HttpClient { BaseAddress = await LoopbackServer.StartAsync(_app) };
            _started = true;
        }

        // A running bot has its styles from the refresher's first fetch before anyone types: start tests from there.
        await RefreshStylesAsync();
    }

    /// <summary>
    /// The replica dies: no graceful stop (hosted services' StopAsync never runs, so nothing is released or handed over);
    /// its services are disposed, which drops its connections as a killed process's would.
    /// </summary>
    public async Task KillAsync()
    {
        _killed = true;
        await Time.DriveAsync(_app.DisposeAsync().AsTask(), DisposeStep);
        if (_started)
        {
            Http.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_killed)
        {
            await DisposeFakeAsync();
            GC.SuppressFinalize(this);
            return;
        }

        // Disposing waits for HTTP calls still in flight on the pipelines' clock (Polly), which is the fake one: drive it.
        if (_started)
        {
            await Time.DriveAsync(_app.StopAsync(), DisposeStep);
            Http.Dispose();
        }

        await Time.DriveAsync(_app.DisposeAsync().AsTask(), DisposeStep);
        await DisposeFakeAsync();
        GC.SuppressFinalize(this);
        Answers.ThrowIfUnexpected();
    }

    /// <summary>Stops the fake platform, after the bot.</summary>
    protected abstract ValueTask DisposeFakeAsync();
}
