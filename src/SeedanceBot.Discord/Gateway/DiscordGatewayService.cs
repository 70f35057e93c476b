using Microsoft.Extensions.Hosting;

namespace SeedanceBot.Discord.Gateway;

/// <summary>
/// Starts and stops this replica's Gateway shards; nothing else. A graceful stop frees their leases so other replicas
/// take them at once; a killed replica's leases expire instead.
/// </summary>
internal sealed class DiscordGatewayService(GatewayShards shards) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => shards.RunAsync(stoppingToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await shards.ReleaseAsync(cancellationToken);
    }
}
