using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SeedanceBot.Testing.Collections;
using SeedanceBot.Testing.Conformance;

namespace SeedanceBot.Testing.Slack;

/// <summary>
/// One Socket Mode WebSocket connection to the fake Slack (the server side), written from ../shared/specs/slack.md §3.
/// The test speaks for Slack frame by frame: <c>hello</c> (sent by <see cref="FakeSlack"/> itself while
/// <see cref="FakeSlack.AutoHello"/> is on), envelopes, <c>disconnect</c>, a close or a dropped socket; it reads the
/// bot's acks back by envelope id, with the fake-clock time each one arrived.
/// </summary>
public sealed class FakeSocketSession
{
    private readonly WebSocket _socket;
    private readonly TimeProvider _time;
    private readonly Action _abortConnection;
    private readonly Action<PayloadViolation> _onViolation;
    private readonly ConcurrentDictionary<string, (string Type, string? InteractionType)> _envelopes = new();
    private readonly Lock _ending = new();
    private bool _ended;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _acks = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ackedAt = new();
    private readonly SnapshotList<string> _sentText = new();
    private readonly SnapshotList<JsonObject> _sent = new();

    internal FakeSocketSession(WebSocket socket, string query, TimeProvider time, Action abortConnection, Action<PayloadViolation> onViolation)
    {
        _socket = socket;
        _time = time;
        _abortConnection = abortConnection;
        _onViolation = onViolation;
        Query = query;
    }

    /// <summary>The query string the bot connected with (<c>?ticket=1&amp;app_id=A111</c>, plus any <c>debug_reconnects</c>).</summary>
    public string Query { get; }

    /// <summary>Every frame the bot sent that parsed as a JSON object (its acks), in order.</summary>
    public IReadOnlyList<JsonObject> Sent => _sent.Snapshot();

    /// <summary>Every text frame the bot sent, verbatim, in order (to check an ack's exact shape).</summary>
    public IReadOnlyList<string> SentText => _sentText.Snapshot();

    /// <summary>The close status the bot sent, once it closed.</summary>
    public WebSocketCloseStatus? ClientCloseStatus { get; private set; }

    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task SendAsync(JsonObject frame) => SendRawAsync(frame.ToJsonString());

    public async Task SendRawAsync(string text)
    {
        await _sending.WaitAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>The first frame Slack sends; the connection counts as ready only after it.</summary>
    public Task SendHelloAsync() => SendAsync(new JsonObject
    {
        ["type"] = "hello",
        ["num_connections"] = 1,
        ["debug_info"] = new JsonObject { ["host"] = "applink-fake", ["build_number"] = 1, ["approximate_connection_time"] = 18060 },
        ["connection_info"] = new JsonObject { ["app_id"] = FakeSlack.AppId },
    });

    /// <summary>
    /// Sends an envelope of <paramref name="type"/> (<c>slash_commands</c>, <c>interactive</c> or <c>events_api</c>) and
    /// returns its <c>envelope_id</c>. Only <c>events_api</c> envelopes carry <c>retry_attempt</c> and <c>retry_reason</c>,
    /// and only they refuse a response payload.
    /// </summary>
    public async Task<string> SendEnvelopeAsync(string type, JsonObject payload, int? retryAttempt = null, string? envelopeId = null)
    {
        var id = envelopeId ?? Guid.NewGuid().ToString();
        var isEvent = type == "events_api";
        var envelope = new JsonObject
        {
            ["envelope_id"] = id,
            ["payload"] = payload.Parent is null ? payload : payload.DeepClone(),
            ["type"] = type,
            ["accepts_response_payload"] = !isEvent,
        };
        if (isEvent)
        {
            envelope["retry_attempt"] = retryAttempt ?? 0;
            envelope["retry_reason"] = retryAttempt is > 0 ? "timeout" : string.Empty;
        }

        _envelopes[id] = (type, type == "interactive" ? JsonRead.Text(payload["type"]) : null);
        await SendAsync(envelope);
        return id;
    }

    /// <summary>A <c>disconnect</c> frame; <paramref name="reason"/> is an open string (<c>warning</c>, <c>refresh_requested</c>, <c>link_disabled</c>, ...).</summary>
    public Task SendDisconnectAsync(string reason) => SendAsync(new JsonObject
    {
        ["type"] = "disconnect",
        ["reason"] = reason,
        ["debug_info"] = new JsonObject { ["host"] = "wss-111.slack.com" },
    });

    /// <summary>Waits (in real time) for the bot's ack of <paramref name="envelopeId"/>; returns at once if it already came.</summary>
    public async Task<JsonObject> NextAckAsync(string envelopeId, TimeSpan? timeout = null) =>
        await AckSource(envelopeId).Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(20));

    /// <summary>
    /// What the envelope <paramref name="envelopeId"/> this session sent carried: its payload's type for an interactive
    /// one (<c>view_submission</c>, <c>block_actions</c>), else the envelope type; null for an envelope it never sent.
    /// </summary>
    public string? Envelope(string envelopeId) => _envelopes.TryGetValue(envelopeId, out var sent) ? sent.InteractionType ?? sent.Type : null;

    /// <summary>When (on the fake clock) the first ack of <paramref name="envelopeId"/> arrived; null if none yet.</summary>
    public DateTimeOffset? AckedAt(string envelopeId) => _ackedAt.TryGetValue(envelopeId, out var at) ? at : null;

    /// <summary>Closes from the server side with <paramref name="status"/>; the bot should answer the close handshake.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure)
    {
        await _sending.WaitAsync();
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(status, "fake", CancellationToken.None);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close handshake, as a network failure would.</summary>
    public void Abort()
    {
        // Once the read loop has ended the request is over and its HttpContext may be disposed or reused: leave it
        // alone. The lock keeps the loop from ending (and the request from finishing) while the abort is under way.
        lock (_ending)
        {
            if (_ended)
            {
                return;
            }

            _socket.Abort();
            _abortConnection();
        }
    }

    internal async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        ClientCloseStatus = result.CloseStatus;
                        if (_socket.State == WebSocketState.CloseReceived)
                        {
                            await CloseAsync();
                        }

                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                Receive(Encoding.UTF8.GetString(message.ToArray()));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The connection dropped (the bot's side, Abort, or the fake shutting down).
        }
        finally
        {
            lock (_ending)
            {
                _ended = true;
            }

            Closed.TrySetResult();
        }
    }

    private void Receive(string text)
    {
        var at = _time.GetUtcNow();
        _sentText.Add(text);

        JsonObject? frame;
        try
        {
            frame = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            frame = null;
        }

        if (frame is null)
        {
            _onViolation(new PayloadViolation(SlackConformance.SocketAckRoute, string.Empty, "every frame the bot sends is a JSON object (docs: Socket Mode)"));
            return;
        }

        var envelope = JsonRead.Text(frame["envelope_id"]) is { } known && _envelopes.TryGetValue(known, out var sent) ? sent : default;
        foreach (var violation in SlackConformance.CheckSocketAck(frame, envelope.Type, envelope.InteractionType))
        {
            _onViolation(violation);
        }

        _sent.Add(frame);
        if (frame["envelope_id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String)
        {
            var envelopeId = id.GetValue<string>();
            _ackedAt.TryAdd(envelopeId, at);
            AckSource(envelopeId).TrySetResult(frame);
        }
    }

    private TaskCompletionSource<JsonObject> AckSource(string envelopeId) =>
        _acks.GetOrAdd(envelopeId, _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously));
}
