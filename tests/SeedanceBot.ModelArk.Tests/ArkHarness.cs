using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Video;
using SeedanceBot.ModelArk.Http;
using SeedanceBot.Testing.Logging;
using SeedanceBot.Testing.ModelArk;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.ModelArk.Tests;

/// <summary>
/// The ModelArk provider as AddModelArk wires it (typed client, retry pipeline, requests-per-minute gate, auth) in a
/// started host, talking real HTTP to a <see cref="FakeModelArk"/>; the host and the fake share one fake clock.
/// </summary>
internal sealed class ArkHarness : IAsyncDisposable
{
    private static readonly TimeSpan DisposeStep = TimeSpan.FromSeconds(1);
    private IHost? _host;

    private ArkHarness(FakeModelArk ark, FakeTimeProvider time)
    {
        Ark = ark;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public FakeModelArk Ark { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public IVideoProvider Provider => Get<IVideoProvider>();

    public IModelArkClient Client => Get<IModelArkClient>();

    public ArkRequestGate Gate => Get<ArkRequestGate>();

    /// <summary>The requests the fake received for the task routes (downloads left out), in order.</summary>
    public FakeArkRequest[] ApiRequests => [.. Ark.Requests.Where(r => r.Path.StartsWith(TasksPath, StringComparison.Ordinal))];

    public const string TasksPath = "/contents/generations/tasks";

    /// <param name="settings">Configuration on top of the fake's URL and key (a value of "" clears a key).</param>
    /// <param name="arrange">Prepares the fake before the provider first talks to it.</param>
    /// <remarks>Throws what the host's start throws (an <c>OptionsValidationException</c> for bad settings), fake cleaned up.</remarks>
    public static async Task<ArkHarness> StartAsync(Dictionary<string, string?>? settings = null, Action<FakeModelArk>? arrange = null)
    {
        var time = FakeClock.Create();
        var ark = await FakeModelArk.StartAsync(time);
        arrange?.Invoke(ark);
        var harness = new ArkHarness(ark, time);
        try
        {
            await harness.BuildAsync(settings ?? []);
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }

        return harness;
    }

    public T Get<T>()
        where T : notnull => _host!.Services.GetRequiredService<T>();

    private async Task BuildAsync(Dictionary<string, string?> settings)
    {
        // No defaults: neither the machine's environment (ARK_API_KEY) nor appsettings files reach the test.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Seedance:Provider"] = ModelArkExtensions.ProviderName,
            ["ModelArk:BaseUrl"] = Ark.BaseUrl.ToString(),
            ["ModelArk:ApiKey"] = FakeModelArk.ApiKey,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.AddModelArk();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // Stopping and disposing wait for calls still in flight on the pipelines' clock (Polly), the fake one: drive it.
        if (_host is not null)
        {
            await Time.DriveAsync(_host.StopAsync(), DisposeStep);
            if (_host is IAsyncDisposable disposable)
            {
                await Time.DriveAsync(disposable.DisposeAsync().AsTask(), DisposeStep);
            }
            else
            {
                _host.Dispose();
            }
        }

        await Ark.DisposeAsync();
    }
}
