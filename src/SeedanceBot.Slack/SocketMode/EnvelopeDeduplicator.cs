using System.Collections.Concurrent;

namespace SeedanceBot.Slack.SocketMode;

/// <summary>
/// Remembers envelopes (and events) already handled for a while, so one redelivered during a connection overlap or as an
/// Events API retry is acknowledged but not handled twice.
/// </summary>
internal sealed class EnvelopeDeduplicator(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    private const int PruneAbove = 5000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time <paramref name="key"/> is seen within the window.</summary>
    public bool FirstTime(string key)
    {
        var now = time.GetUtcNow();
        if (_seen.Count > PruneAbove)
        {
            foreach (var (old, at) in _seen)
            {
                if (now - at > Window)
                {
                    _seen.TryRemove(old, out _);
                }
            }
        }

        if (_seen.TryAdd(key, now))
        {
            return true;
        }

        return _seen.TryGetValue(key, out var seenAt) && now - seenAt > Window && _seen.TryUpdate(key, now, seenAt);
    }
}
