using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace SeedanceBot.Simulator;

/// <summary>
/// The simulator as a library: its own Kestrel server on a given or ephemeral port, for the bot's local mode, tests and
/// benchmarks. It runs on the <see cref="TimeProvider"/> it is given, so whole job lifecycles can pass in fake time.
/// </summary>
public sealed class SeedanceSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorState _state;

    private SeedanceSimulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        _state = app.Services.GetRequiredService<SimulatorState>();
        BaseAddress = baseAddress;
        ApiBaseUrl = new Uri(baseAddress, "v2");
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The API base as the client wants it: <c>http://127.0.0.1:41234/v2</c>.</summary>
    public Uri ApiBaseUrl { get; }

    /// <summary>The PNG every clip's <c>last_frame_url</c> serves (tests compare what a Continue sent with it).</summary>
    public static ReadOnlyMemory<byte> LastFramePng => SimulatorEndpoints.LastFrame.Value;

    public SimulatorFaults Faults => _state.Faults;

    /// <summary>Every API request answered so far, in order.</summary>
    public IReadOnlyList<SimulatorRequest> Requests => _state.Requests;

    public IReadOnlyList<SimulatorJob> Jobs => _state.Jobs;

    public static async Task<SeedanceSimulator> StartAsync(
        SimulatorOptions options,
        TimeProvider? timeProvider = null,
        string url = "http://127.0.0.1:0",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new SimulatorOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(SimulatorOptions.SectionName, typeof(SimulatorOptions), validation.Failures);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton<IOptions<SimulatorOptions>>(Options.Create(options));
        builder.Services.AddSingleton(timeProvider ?? TimeProvider.System);
        builder.Services.AddSeedanceSimulator();
        var app = builder.Build();
        app.MapSeedanceSimulator();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SeedanceSimulator(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
