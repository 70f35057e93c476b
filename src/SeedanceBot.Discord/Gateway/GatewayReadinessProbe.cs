using SeedanceBot.Core.Diagnostics;

namespace SeedanceBot.Discord.Gateway;

/// <summary>The Gateway session is up (READY or resumed).</summary>
internal sealed class GatewayReadinessProbe(DiscordGateway gateway) : IReadinessProbe
{
    public string Name => "discord";

    public ValueTask<Readiness> CheckAsync(CancellationToken cancellationToken) => ValueTask.FromResult(gateway.Status switch
    {
        GatewayStatus.Ready => Readiness.Ready("Connected to the Discord Gateway."),
        GatewayStatus.Stopped => Readiness.NotReady("The Discord Gateway stopped for good (see the log: bad token or intents)."),
        _ => Readiness.NotReady("Connecting to the Discord Gateway."),
    });
}
