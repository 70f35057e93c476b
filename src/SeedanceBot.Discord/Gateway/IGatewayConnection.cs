namespace SeedanceBot.Discord.Gateway;

/// <summary>One WebSocket to the Gateway: text frames in and out, and how it closed.</summary>
internal interface IGatewayConnection : IAsyncDisposable
{
    /// <summary>The close code the server sent, once <see cref="ReceiveAsync"/> returned null.</summary>
    int? CloseStatus { get; }

    Task ConnectAsync(Uri url, CancellationToken cancellationToken);

    Task SendAsync(string json, CancellationToken cancellationToken);

    /// <summary>The next whole text message, or null when the socket closed.</summary>
    Task<string?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Closes with <paramref name="code"/> without waiting for the server: 4000 keeps the session resumable.</summary>
    Task CloseAsync(int code, CancellationToken cancellationToken);
}
