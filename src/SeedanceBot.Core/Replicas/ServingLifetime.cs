using Microsoft.Extensions.Hosting;

namespace SeedanceBot.Core.Replicas;

/// <summary>
/// How long work an answer started may run (the edits after a deferred acknowledgement, a follow-up through a
/// response URL): until the replica stops serving, which is after its drain (<c>Shutdown:Drain</c>), when the hosted
/// services stop. The host's first stop signal (<see cref="IHostApplicationLifetime.ApplicationStopping"/>) comes
/// before the drain, while the replica still takes commands, so it must not cancel them.
/// </summary>
public sealed class ServingLifetime : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopped = new();

    /// <summary>Cancelled once the replica stops serving.</summary>
    public CancellationToken Token => _stopped.Token;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _stopped.CancelAsync();

    public void Dispose() => _stopped.Dispose();
}
