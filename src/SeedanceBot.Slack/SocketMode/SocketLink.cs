using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SeedanceBot.Slack.Contracts;

namespace SeedanceBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode connection: reads frames until the socket closes, reports <c>hello</c> and the first reason to leave,
/// dispatches envelopes without blocking the reads, and sends their acknowledgements on this same socket. It keeps
/// reading after a <c>disconnect</c>, so envelopes that arrive while its replacement connects are still answered.
/// </summary>
/// <param name="connection">The socket.</param>
/// <param name="dispatcher">Handles envelopes.</param>
/// <param name="logger">For connection problems.</param>
/// <param name="stopping">The host's shutdown: an envelope's work outlives this connection (a refresh must not cancel it).</param>
internal sealed class SocketLink(ISocketModeConnection connection, SocketEnvelopeDispatcher dispatcher, ILogger logger, CancellationToken stopping) : IAsyncDisposable
{
    private static readonly TimeSpan RetireWait = TimeSpan.FromSeconds(3);
    private readonly TaskCompletionSource<int> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<LinkEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Task, byte> _handling = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;
    private int _disposed;

    /// <summary>Completes with Slack's connection count when <c>hello</c> arrives.</summary>
    public Task<int> Hello => _hello.Task;

    /// <summary>Completes with the first reason to leave this connection.</summary>
    public Task<LinkEnd> Ended => _ended.Task;

    public async Task StartAsync(Uri url, CancellationToken cancellationToken)
    {
        await connection.ConnectAsync(url, cancellationToken);
        _reading = ReadAsync(_stop.Token);
    }

    /// <summary>Closes after the envelopes in hand are acknowledged (Slack wants the ack on the socket it used).</summary>
    public async Task RetireAsync(TimeProvider time)
    {
        try
        {
            await Task.WhenAll(_handling.Keys).WaitAsync(RetireWait, time);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Go on: Slack redelivers what was not acknowledged.
        }

        try
        {
            using var closing = new CancellationTokenSource(RetireWait, time);
            await connection.CloseAsync(closing.Token);
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Already gone.
        }

        await DisposeAsync();
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await connection.ReceiveAsync(cancellationToken) is { } text)
            {
                SocketFrame? frame;
                try
                {
                    frame = JsonSerializer.Deserialize(text, SlackJson.Info<SocketFrame>());
                }
                catch (JsonException)
                {
                    // Unreadable (not JSON, too deep, not an object): if it names an envelope, acknowledge it so
                    // Slack does not resend it, and act on nothing.
                    frame = EnvelopeIdOf(text) is { } id ? new SocketFrame { EnvelopeId = id, Type = "unreadable" } : null;
                }

                switch (frame)
                {
                    case { Type: SocketFrame.Hello }:
                        _hello.TrySetResult(frame.NumConnections ?? 1);
                        break;
                    case { Type: SocketFrame.Disconnect }:
                        _ended.TrySetResult(frame.Reason switch
                        {
                            "link_disabled" => LinkEnd.Disabled,
                            "too_many_websockets" => LinkEnd.TooMany,
                            _ => LinkEnd.Refresh,
                        });
                        if (frame.Reason is { } reason)
                        {
                            Log.SocketRefresh(logger, reason);
                        }

                        break;
                    case { EnvelopeId.Length: > 0 }:
                        Track(dispatcher.DispatchAsync(frame, payload => SendAckAsync(frame.EnvelopeId, payload), stopping));
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                Log.SocketFailed(logger, ex);
            }
        }
        finally
        {
            _ended.TrySetResult(LinkEnd.Closed);
            _hello.TrySetCanceled(CancellationToken.None);
        }
    }

    /// <summary>A top-level <c>envelope_id</c> string, read without building the document (so nesting depth does not matter).</summary>
    internal static string? EnvelopeIdOf(string text)
    {
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new JsonReaderOptions { MaxDepth = int.MaxValue, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("envelope_id"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isId)
                {
                    return reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 and <= 200 } id ? id : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Broken before the id.
        }

        return null;
    }

    private void Track(Task work)
    {
        _handling.TryAdd(work, 0);
        _ = work.ContinueWith(done => _handling.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task SendAckAsync(string envelopeId, JsonObject? payload)
    {
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (payload is not null)
        {
            ack["payload"] = payload;
        }

        try
        {
            await connection.SendAsync(ack.ToJsonString(), CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The socket went away: Slack redelivers the envelope on another connection.
            Log.SocketFailed(logger, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (OperationCanceledException)
        {
        }

        await connection.DisposeAsync();
        _stop.Dispose();
    }
}
