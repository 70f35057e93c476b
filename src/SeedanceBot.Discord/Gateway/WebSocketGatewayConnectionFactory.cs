namespace SeedanceBot.Discord.Gateway;

internal sealed class WebSocketGatewayConnectionFactory : IGatewayConnectionFactory
{
    public IGatewayConnection Create() => new WebSocketGatewayConnection();
}
