using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Fakes;
using SeedanceBot.Testing.Logging;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Slack.Tests;

/// <summary>
/// The Slack adapter as AddSlack wires it (real HTTP client pipeline, real WebSocket), pointed at a
/// <see cref="FakeSlack"/>, over Core with in-memory stores and a scripted provider, all on one fake clock. The job
/// engine runs only when a test asks (<see cref="RunJobsAsync"/>); hosted services (Socket Mode) only when started.
/// </summary>
internal sealed class SlackHarness : IAsyncDisposable
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private static readonly TimeSpan DisposeStep = TimeSpan.FromSeconds(1);
    private WebApplication _app = null!;
    private bool _started;

    private SlackHarness(FakeSlack slack, FakeTimeProvider time)
    {
        Slack = slack;
        Time = time;
        Provider = new FakeVideoProvider(time);
    }

    public FakeTimeProvider Time { get; }

    public FakeSlack Slack { get; }

    public InMemoryJobStore Store { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public FakeVideoProvider Provider { get; }

    public HttpClient Http { get; private set; } = null!;

    /// <param name="settings">Configuration on top of the fake's tokens and URL.</param>
    /// <param name="start">Start the host: the web endpoints and, in Socket Mode, the Socket Mode client.</param>
    /// <param name="arrange">Prepares the fake before the bot first talks to it.</param>
    public static async Task<SlackHarness> StartAsync(Dictionary<string, string?>? settings = null, bool start = false, Action<FakeSlack>? arrange = null)
    {
        var time = FakeClock.Create();
        var slack = await FakeSlack.StartAsync(time);
        arrange?.Invoke(slack);
        var harness = new SlackHarness(slack, time);
        await harness.BuildAsync(settings ?? [], start);
        return harness;
    }

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

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    private async Task BuildAsync(Dictionary<string, string?> settings, bool start)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:AppToken"] = FakeSlack.AppToken,
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl.ToString(),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddBotCore();
        builder.AddSlack();
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddSingleton<IJobStore>(Store);
        builder.Services.AddSingleton<IQuotaSettingsStore>(Store);
        builder.Services.AddSingleton<IVideoProvider>(Provider);

        // Tests move jobs with RunJobsAsync, one deterministic pass at a time, instead of Core's background worker.
        var worker = builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "JobWorker");
        builder.Services.Remove(worker);
        _app = builder.Build();
        _app.MapSlack();
        if (start)
        {
            await _app.StartAsync();
            _started = true;
            var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Http = new HttpClient { BaseAddress = new Uri(address) };
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing waits for HTTP calls still in flight on the pipelines' clock (Polly), which is the fake one: drive it.
        if (_started)
        {
            await Time.DriveAsync(_app.StopAsync(), DisposeStep);
            Http.Dispose();
        }

        await Time.DriveAsync(_app.DisposeAsync().AsTask(), DisposeStep);
        await Slack.DisposeAsync();
    }
}
