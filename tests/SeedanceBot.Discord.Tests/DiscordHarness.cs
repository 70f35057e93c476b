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
/// <see cref="FakeDiscord"/>, over Core with in-memory stores and a scripted provider, all on one fake clock.
/// Hosted services are not started: tests run the Gateway and the engine themselves.
/// </summary>
internal sealed class DiscordHarness : IAsyncDisposable
{
    private ServiceProvider _services = null!;

    private DiscordHarness(FakeDiscord discord, FakeTimeProvider time)
    {
        Discord = discord;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public FakeDiscord Discord { get; }

    public InMemoryJobStore Store { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public FakeVideoProvider Provider { get; private set; } = null!;

    public IServiceProvider Services => _services;

    public static async Task<DiscordHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var time = FakeClock.Create();
        var discord = await FakeDiscord.StartAsync(time);
        var harness = new DiscordHarness(discord, time);
        harness.Build(settings ?? []);
        return harness;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    private void Build(Dictionary<string, string?> settings)
    {
        var time = Time;
        Provider = new FakeVideoProvider(time);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = FakeDiscord.BotToken,
            ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
            ["Discord:ApiBaseUrl"] = Discord.ApiBaseUrl.ToString(),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(Logs);
        builder.AddBotCore();
        builder.AddDiscord();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IJobStore>(Store);
        builder.Services.AddSingleton<IQuotaSettingsStore>(Store);
        builder.Services.AddSingleton<IVideoProvider>(Provider);
        _services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Discord.DisposeAsync();
    }
}
