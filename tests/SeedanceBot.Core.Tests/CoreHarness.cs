using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Delivery;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Fakes;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Core.Tests;

/// <summary>Core as AddBotCore wires it, over in-memory stores, a scripted provider and a recording platform, on a fake clock.</summary>
internal sealed class CoreHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public CoreHarness(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        Provider = new FakeVideoProvider(Time);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.AddBotCore();
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddSingleton<IJobStore>(Store);
        builder.Services.AddSingleton<SeedanceBot.Core.Media.IMediaStore>(Media);
        builder.Services.AddSingleton(SeedanceBot.Images.ImagesExtensions.CreateInspector());
        builder.Services.AddSingleton<IQuotaSettingsStore>(Store);
        builder.Services.AddSingleton<Usage.IUsageHistory>(Store);
        builder.Services.AddSingleton<Usage.IUsageChartRenderer, FakeUsageChartRenderer>();
        builder.Services.AddSingleton<IVideoProvider>(Provider);
        builder.Services.AddSingleton<IChatPlatform>(Platform);
        configure?.Invoke(builder.Services);
        _services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private InMemoryJobStore? _store;

    public FakeTimeProvider Time { get; } = FakeClock.Create();

    public InMemoryJobStore Store => _store ??= new InMemoryJobStore(Time);

    public FakeVideoProvider Provider { get; }

    public InMemoryMediaStore Media { get; } = new();

    public FakeChatPlatform Platform { get; } = new();

    public JobEngine Engine => _services.GetRequiredService<JobEngine>();

    public CommandRouter Router => _services.GetRequiredService<CommandRouter>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static ChatOrigin Origin(string workspace = "W1") => new("test", workspace, "C1");

    public Task<CommandReply> SendAsync(string name, string text, string user = "U1", bool admin = false, IReadOnlyList<string>? roles = null) =>
        Router.HandleAsync(new ChatCommand(name, Origin(), new ChatUser(user, "user " + user, roles, admin), text), CancellationToken.None);

    /// <summary>One worker pass, waiting for the calls it started.</summary>
    public async Task PassAsync()
    {
        await Engine.RunOnceAsync(CancellationToken.None);
        while (Engine.InFlight.Count > 0)
        {
            await Task.WhenAll(Engine.InFlight);
        }
    }

    /// <summary>Passes while moving the clock by <paramref name="step"/> until <paramref name="total"/> has gone by.</summary>
    public async Task RunForAsync(TimeSpan total, TimeSpan step)
    {
        for (var elapsed = TimeSpan.Zero; elapsed <= total; elapsed += step)
        {
            await PassAsync();
            Time.Advance(step);
        }
    }

    public void Dispose() => _services.Dispose();
}
