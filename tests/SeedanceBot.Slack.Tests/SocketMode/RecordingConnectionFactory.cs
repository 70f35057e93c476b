using System.Collections.Concurrent;
using SeedanceBot.Slack.SocketMode;

namespace SeedanceBot.Slack.Tests.SocketMode;

/// <summary>
/// The real WebSocket connections, noting on the fake clock when the bot received and sent each frame: what Slack's
/// deadline is measured on, free of the time the clock driver adds while frames travel under load.
/// </summary>
internal sealed class RecordingConnectionFactory(TimeProvider time) : ISocketModeConnectionFactory
{
    private readonly WebSocketSocketModeConnectionFactory _inner = new();

    public ConcurrentQueue<(string Json, DateTimeOffset At)> Sent { get; } = new();

    public ConcurrentQueue<(string Json, DateTimeOffset At)> Received { get; } = new();

    public ISocketModeConnection Create() => new Recording(_inner.Create(), this, time);

    private sealed class Recording(ISocketModeConnection inner, RecordingConnectionFactory owner, TimeProvider time) : ISocketModeConnection
    {
        public Task ConnectAsync(Uri url, CancellationToken cancellationToken) => inner.ConnectAsync(url, cancellationToken);

        public Task SendAsync(string json, CancellationToken cancellationToken)
        {
            owner.Sent.Enqueue((json, time.GetUtcNow()));
            return inner.SendAsync(json, cancellationToken);
        }

        public async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
        {
            var json = await inner.ReceiveAsync(cancellationToken);
            if (json is not null)
            {
                owner.Received.Enqueue((json, time.GetUtcNow()));
            }

            return json;
        }

        public Task CloseAsync(CancellationToken cancellationToken) => inner.CloseAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
