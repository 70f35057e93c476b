using System.Collections.Concurrent;
using SeedanceBot.Slack.SocketMode;

namespace SeedanceBot.Slack.Tests.SocketMode;

/// <summary>
/// The real WebSocket connections, noting on the fake clock when the bot sent each frame: the moment that counts
/// against Slack's deadline, free of the time the clock driver adds while the frame is on its way under load.
/// </summary>
internal sealed class RecordingConnectionFactory(TimeProvider time) : ISocketModeConnectionFactory
{
    private readonly WebSocketSocketModeConnectionFactory _inner = new();

    public ConcurrentQueue<(string Json, DateTimeOffset At)> Sent { get; } = new();

    public ISocketModeConnection Create() => new Recording(_inner.Create(), this, time);

    private sealed class Recording(ISocketModeConnection inner, RecordingConnectionFactory owner, TimeProvider time) : ISocketModeConnection
    {
        public Task ConnectAsync(Uri url, CancellationToken cancellationToken) => inner.ConnectAsync(url, cancellationToken);

        public Task SendAsync(string json, CancellationToken cancellationToken)
        {
            owner.Sent.Enqueue((json, time.GetUtcNow()));
            return inner.SendAsync(json, cancellationToken);
        }

        public Task<string?> ReceiveAsync(CancellationToken cancellationToken) => inner.ReceiveAsync(cancellationToken);

        public Task CloseAsync(CancellationToken cancellationToken) => inner.CloseAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
