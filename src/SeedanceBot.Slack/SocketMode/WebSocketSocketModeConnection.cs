using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace SeedanceBot.Slack.SocketMode;

/// <summary>
/// Socket Mode over <see cref="ClientWebSocket"/>. Slack pings the client; with both keep-alive settings .NET also pings
/// Slack and fails the socket when no PONG comes back, so a dead link is noticed without JSON heartbeats.
/// </summary>
internal sealed class WebSocketSocketModeConnection : ISocketModeConnection
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ArrayBufferWriter<byte> _received = new(16 * 1024);

    public async Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        _socket.Options.KeepAliveInterval = KeepAlive;
        _socket.Options.KeepAliveTimeout = KeepAlive;
        await _socket.ConnectAsync(url, cancellationToken);
    }

    public async Task SendAsync(string json, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        _received.Clear();
        while (true)
        {
            var result = await _socket.ReceiveAsync(_received.GetMemory(4096), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            _received.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(_received.WrittenSpan);
            }
        }
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _sending.WaitAsync(cancellationToken);
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "replaced", cancellationToken);
            }
            finally
            {
                _sending.Release();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _sending.Dispose();
        return ValueTask.CompletedTask;
    }
}
