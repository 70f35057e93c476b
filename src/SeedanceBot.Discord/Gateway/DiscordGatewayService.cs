using Microsoft.Extensions.Hosting;

namespace SeedanceBot.Discord.Gateway;

/// <summary>Starts and stops the Gateway connection; nothing else.</summary>
internal sealed class DiscordGatewayService(DiscordGateway gateway) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => gateway.RunAsync(stoppingToken);
}
