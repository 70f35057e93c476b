namespace SeedanceBot.Core.Diagnostics;

/// <summary>
/// One part of the bot saying whether it can do its work now (the store is open, a chat connection is up, the video
/// API answers). The host's <c>/readyz</c> asks every registered probe.
/// </summary>
public interface IReadinessProbe
{
    string Name { get; }

    ValueTask<Readiness> CheckAsync(CancellationToken cancellationToken);
}
