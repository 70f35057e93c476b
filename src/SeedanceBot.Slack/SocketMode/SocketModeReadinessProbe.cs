using SeedanceBot.Core.Diagnostics;

namespace SeedanceBot.Slack.SocketMode;

/// <summary>A Socket Mode connection is up.</summary>
internal sealed class SocketModeReadinessProbe(SocketModeClient client) : IReadinessProbe
{
    public string Name => "slack";

    public ValueTask<Readiness> CheckAsync(CancellationToken cancellationToken) => ValueTask.FromResult(client.Status switch
    {
        SocketModeStatus.Connected => Readiness.Ready("Connected to Slack Socket Mode."),
        SocketModeStatus.Stopped => Readiness.NotReady("Slack Socket Mode stopped for good (see the log: app token or Socket Mode disabled)."),
        _ => Readiness.NotReady("Connecting to Slack Socket Mode."),
    });
}
