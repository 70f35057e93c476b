namespace SeedanceBot.Slack.SocketMode;

/// <summary>One WebSocket to Slack's Socket Mode: whole text messages in and out.</summary>
internal interface ISocketModeConnection : IAsyncDisposable
{
    Task ConnectAsync(Uri url, CancellationToken cancellationToken);

    Task SendAsync(string json, CancellationToken cancellationToken);

    /// <summary>The next whole text message, or null when the socket closed.</summary>
    Task<string?> ReceiveAsync(CancellationToken cancellationToken);

    Task CloseAsync(CancellationToken cancellationToken);
}
