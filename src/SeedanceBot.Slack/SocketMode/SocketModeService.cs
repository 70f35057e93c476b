using Microsoft.Extensions.Hosting;

namespace SeedanceBot.Slack.SocketMode;

/// <summary>Starts and stops the Socket Mode client; nothing else.</summary>
internal sealed class SocketModeService(SocketModeClient client) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => client.RunAsync(stoppingToken);
}
