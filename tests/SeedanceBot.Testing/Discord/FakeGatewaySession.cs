using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using SeedanceBot.Testing.Collections;
using SeedanceBot.Testing.Conformance;

namespace SeedanceBot.Testing.Discord;

/// <summary>
/// One WebSocket connection to the fake Gateway. With <see cref="FakeDiscord.AutoGateway"/> it behaves as Discord does
/// (HELLO, READY on IDENTIFY, RESUMED on RESUME, ACK on heartbeats); tests can also speak for it payload by payload.
/// </summary>
public sealed class FakeGatewaySession(WebSocket socket, string path, string query, Action<PayloadViolation> onViolation)
{
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Channel<JsonObject> _received = Channel.CreateUnbounded<JsonObject>();
    private readonly SnapshotList<JsonObject> _sent = new();

    public string Path { get; } = path;

    public string Query { get; } = query;

    /// <summary>Everything the bot sent, in order.</summary>
    public IReadOnlyList<JsonObject> Sent => _sent.Snapshot();

    /// <summary>The close code the bot sent, once it closed.</summary>
    public int? ClientCloseCode { get; private set; }

    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The shard this session identified as (<c>shard[0]</c>; 0 when IDENTIFY named none), once it identified.</summary>
    public int? Shard { get; internal set; }

    /// <summary>Open until either side closed it.</summary>
    public bool IsOpen => !Closed.Task.IsCompleted;

    /// <summary>When false, heartbeats get no ACK (a zombie connection, as far as the bot can tell).</summary>
    public bool AckHeartbeats { get; set; } = true;

    internal ChannelReader<JsonObject> Received => _received.Reader;

    public async Task<JsonObject> NextAsync(int op, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var payload = await _received.Reader.ReadAsync(cts.Token);
            if ((int?)payload["op"] == op)
            {
                return payload;
            }
        }
    }

    public Task SendAsync(JsonObject payload) => SendRawAsync(payload.ToJsonString());

    public async Task SendRawAsync(string json)
    {
        await _sending.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    public Task SendHelloAsync(int intervalMs) => SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = intervalMs }, ["s"] = null, ["t"] = null });

    public Task SendOpAsync(int op, JsonNode? data = null) => SendAsync(new JsonObject { ["op"] = op, ["d"] = data, ["s"] = null, ["t"] = null });

    public Task DispatchAsync(string type, long sequence, JsonNode data) =>
        SendAsync(new JsonObject { ["op"] = 0, ["s"] = sequence, ["t"] = type, ["d"] = data });

    /// <summary>Closes from the server side with <paramref name="code"/>.</summary>
    public async Task CloseAsync(int code)
    {
        await _sending.WaitAsync();
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, "fake", CancellationToken.None);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    internal async Task ReadLoopAsync(Func<FakeGatewaySession, JsonObject, Task> onPayload)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        ClientCloseCode = (int?)result.CloseStatus;
                        if (socket.State == WebSocketState.CloseReceived)
                        {
                            await CloseAsync((int)WebSocketCloseStatus.NormalClosure);
                        }

                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                foreach (var violation in DiscordConformance.CheckGatewayPayload(message.ToArray()))
                {
                    onViolation(violation);
                }

                var payload = JsonNode.Parse(message.ToArray())!.AsObject();
                _sent.Add(payload);

                _received.Writer.TryWrite(payload);
                await onPayload(this, payload);
            }
        }
        catch (WebSocketException)
        {
            // The bot dropped the connection.
        }
        finally
        {
            _received.Writer.TryComplete();
            Closed.TrySetResult();
        }
    }
}
