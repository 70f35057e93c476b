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
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Fakes;
using SeedanceBot.Testing.Logging;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Discord.Tests;

/// <summary>
/// The Discord adapter as AddDiscord wires it (real HTTP client pipeline, real WebSocket), pointed at a
/// <see cref="FakeDiscord"/>, over Core with in-memory stores and a scripted provider, all on one fake clock. Started
/// as a web host (for the HTTP interactions endpoint) only when asked: otherwise tests run the Gateway and the engine
/// themselves.
/// </summary>
internal sealed class DiscordHarness : IAsyncDisposable
{
    private static readonly TimeSpan DisposeStep = TimeSpan.FromSeconds(1);
    private WebApplication _app = null!;
    private bool _started;

    private DiscordHarness(FakeDiscord discord, FakeTimeProvider time)
    {
        Discord = discord;
        Time = time;
        Provider = new FakeVideoProvider(time);
    }

    public FakeTimeProvider Time { get; }

    public FakeDiscord Discord { get; }

    public InMemoryJobStore Store { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public FakeVideoProvider Provider { get; }

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    public static async Task<DiscordHarness> StartAsync(Dictionary<string, string?>? settings = null, bool web = false)
    {
        var time = FakeClock.Create();
        var discord = await FakeDiscord.StartAsync(time);
        var harness = new DiscordHarness(discord, time);
        await harness.BuildAsync(settings ?? [], web);
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

    private async Task BuildAsync(Dictionary<string, string?> settings, bool web)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = FakeDiscord.BotToken,
            ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
            ["Discord:ApiBaseUrl"] = Discord.ApiBaseUrl.ToString(),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddBotCore();
        builder.AddDiscord();
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddSingleton<IJobStore>(Store);
        builder.Services.AddSingleton<IQuotaSettingsStore>(Store);
        builder.Services.AddSingleton<IVideoProvider>(Provider);

        // Tests move jobs with RunJobsAsync, one deterministic pass at a time, instead of Core's background worker.
        var worker = builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "JobWorker");
        builder.Services.Remove(worker);
        _app = builder.Build();
        _app.MapDiscord();
        if (web)
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
        await Discord.DisposeAsync();
    }
}
