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
    /// <summary>Slack's envelopes are a few kilobytes; a frame longer than this is read to its end and dropped.</summary>
    public const int MaxFrameBytes = 1024 * 1024;

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(10);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
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
        var tooLong = false;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_received.GetMemory(4096), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            _received.Advance(result.Count);
            if (_received.WrittenCount > MaxFrameBytes)
            {
                // Keep reading to the frame's end (the next frame must start clean), holding none of it.
                tooLong = true;
                _received.Clear();
            }

            if (result.EndOfMessage)
            {
                // An unreadable frame (too long, not UTF-8) comes back empty: not JSON, so it is ignored.
                return tooLong ? string.Empty : Decode(_received.WrittenSpan);
            }
        }
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return string.Empty;
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
