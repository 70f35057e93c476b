using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SeedanceBot.Slack.WebApi;

/// <summary>
/// Slack's limits as the client keeps them: each method stays within its tier's calls per minute (a sliding minute, so
/// bursts pass and a sustained flood waits instead of drawing 429s), after a 429 a method waits out its
/// <c>Retry-After</c> (other methods are unaffected, as Slack counts per method), and messages into one channel are
/// spaced about a second apart, Slack's rule for chat.postMessage. Waits run on the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class SlackRateLimiter(TimeProvider time, ILogger<SlackRateLimiter> logger)
{
    /// <summary>About one message per second per channel.</summary>
    public static readonly TimeSpan ChannelSpacing = TimeSpan.FromSeconds(1);

    /// <summary>What python-slack-sdk assumes when a 429 carries no Retry-After.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Calls per minute by method: the documented tier (Tier 2: 20, Tier 3: 50, Tier 4: 100).</summary>
    public static readonly IReadOnlyDictionary<string, int> PerMinute = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["apps.connections.open"] = 50,
        ["chat.update"] = 50,
        ["chat.delete"] = 50,
        ["chat.postEphemeral"] = 100,
        ["conversations.join"] = 50,
        ["conversations.open"] = 50,
        ["conversations.replies"] = 50,
        ["files.getUploadURLExternal"] = 100,
        ["files.completeUploadExternal"] = 100,
        ["files.delete"] = 50,
        ["users.info"] = 100,
        ["views.open"] = 100,
    };

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _methodHolds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _recentCalls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _channelNext = new(StringComparer.Ordinal);

    /// <summary>Waits until <paramref name="method"/> may be called (and, for posts, until the channel's slot).</summary>
    public async Task WaitAsync(string method, string? channel, CancellationToken cancellationToken)
    {
        while (_methodHolds.TryGetValue(method, out var until) && until > time.GetUtcNow())
        {
            var wait = until - time.GetUtcNow();
            Log.RateLimitWait(logger, method, wait.TotalMilliseconds);
            await Task.Delay(wait, time, cancellationToken);
        }

        await TakeTierSlotAsync(method, cancellationToken);
        if (channel is null)
        {
            return;
        }

        DateTimeOffset slot;
        var now = time.GetUtcNow();
        lock (_channelNext)
        {
            slot = _channelNext.TryGetValue(channel, out var next) && next > now ? next : now;
            _channelNext[channel] = slot + ChannelSpacing;
            if (_channelNext.Count > 1000)
            {
                foreach (var stale in _channelNext.Where(p => p.Value < now).Select(p => p.Key).ToList())
                {
                    _channelNext.Remove(stale);
                }
            }
        }

        if (slot > now)
        {
            await Task.Delay(slot - now, time, cancellationToken);
        }
    }

    /// <summary>Waits while the method's last minute already holds its tier's calls, then counts this one.</summary>
    private async Task TakeTierSlotAsync(string method, CancellationToken cancellationToken)
    {
        if (!PerMinute.TryGetValue(method, out var limit))
        {
            return;
        }

        while (true)
        {
            TimeSpan wait;
            lock (_recentCalls)
            {
                var now = time.GetUtcNow();
                if (!_recentCalls.TryGetValue(method, out var calls))
                {
                    _recentCalls[method] = calls = new Queue<DateTimeOffset>();
                }

                while (calls.TryPeek(out var oldest) && now - oldest >= Minute)
                {
                    calls.Dequeue();
                }

                if (calls.Count < limit)
                {
                    calls.Enqueue(now);
                    return;
                }

                wait = calls.Peek() + Minute - now;
            }

            Log.RateLimitWait(logger, method, wait.TotalMilliseconds);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>Holds <paramref name="method"/> for <paramref name="retryAfter"/> after a 429.</summary>
    public void RateLimited(string method, TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        var until = now + retryAfter;
        if (_methodHolds.Count > 1000)
        {
            foreach (var (stale, _) in _methodHolds.Where(h => h.Value <= now))
            {
                _methodHolds.TryRemove(stale, out _);
            }
        }

        _methodHolds.AddOrUpdate(method, until, (_, old) => old > until ? old : until);
        Log.RateLimited(logger, method, retryAfter.TotalMilliseconds);
    }
}
