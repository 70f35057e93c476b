using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace SeedanceBot.Discord.Gateway;

/// <summary>The Gateway over <see cref="ClientWebSocket"/>: one send at a time, whole messages reassembled from frames.</summary>
internal sealed class WebSocketGatewayConnection : IGatewayConnection
{
    /// <summary>Discord closes connections that send a payload over 4096 bytes.</summary>
    public const int MaxSendBytes = 4096;

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ArrayBufferWriter<byte> _received = new(16 * 1024);

    public int? CloseStatus { get; private set; }

    public async Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        _socket.Options.SetRequestHeader("User-Agent", DiscordExtensions.UserAgent);
        await _socket.ConnectAsync(url, cancellationToken);
    }

    public async Task SendAsync(string json, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        if (bytes.Length > MaxSendBytes)
        {
            throw new InvalidOperationException($"A Gateway payload may not exceed {MaxSendBytes} bytes.");
        }

        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
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
                CloseStatus = (int?)_socket.CloseStatus;
                return null;
            }

            _received.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(_received.WrittenSpan);
            }
        }
    }

    public async Task CloseAsync(int code, CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _sending.WaitAsync(cancellationToken);
            try
            {
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, "reconnecting", cancellationToken);
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
