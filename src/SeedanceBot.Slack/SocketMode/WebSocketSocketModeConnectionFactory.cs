namespace SeedanceBot.Slack.SocketMode;

internal sealed class WebSocketSocketModeConnectionFactory : ISocketModeConnectionFactory
{
    public ISocketModeConnection Create() => new WebSocketSocketModeConnection();
}
