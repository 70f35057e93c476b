using SeedanceBot.Core.Diagnostics;

namespace SeedanceBot.Discord.Gateway;

/// <summary>
/// Ready when every shard this replica holds is connected (READY or resumed), or when it holds none while other
/// replicas hold them all.
/// </summary>
internal sealed class GatewayReadinessProbe(GatewayShards shards) : IReadinessProbe
{
    public string Name => "discord";

    public async ValueTask<Readiness> CheckAsync(CancellationToken cancellationToken)
    {
        var held = shards.Held;
        if (held.Values.Any(s => s == GatewayStatus.Stopped))
        {
            return Readiness.NotReady("The Discord Gateway stopped for good (see the log: bad token or intents).");
        }

        if (held.Count > 0)
        {
            return held.Values.All(s => s == GatewayStatus.Ready)
                ? Readiness.Ready(FormattableString.Invariant($"Connected to the Discord Gateway ({held.Count} of {shards.Count} shards here)."))
                : Readiness.NotReady("Connecting to the Discord Gateway.");
        }

        return shards.Count is not null && await shards.AllHeldAsync(cancellationToken)
            ? Readiness.Ready("Connected to the Discord Gateway: other replicas hold every shard.")
            : Readiness.NotReady("Connecting to the Discord Gateway (no shard held yet).");
    }
}
