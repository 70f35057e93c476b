using Microsoft.Extensions.Options;
using SeedanceBot.Core.Replicas;

namespace SeedanceBot;

/// <summary>
/// The first thing a stopping host does: it marks the replica as draining (<c>/readyz</c> answers 503 from then on)
/// and keeps serving for <see cref="ShutdownOptions.Drain"/> before the hosted services and Kestrel stop, which still
/// finish the requests in flight. Runs in <see cref="IHostedLifecycleService.StoppingAsync"/>, before any hosted
/// service's StopAsync.
/// </summary>
internal sealed class ShutdownDrain(IOptions<ShutdownOptions> options, ReplicaIdentity replica, TimeProvider time, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    private int _draining;

    /// <summary>True once the host began to stop.</summary>
    public bool Draining => Volatile.Read(ref _draining) == 1;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _draining, 1) == 1)
        {
            return;
        }

        var drain = options.Value.Drain;
        Log.Draining(logger, replica.Id, drain.TotalSeconds);
        if (drain > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(drain, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The host's shutdown timeout ran out first: stop now.
            }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Registers the drain and its options.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(static provider => provider.GetRequiredService<ShutdownDrain>());
    }
}
