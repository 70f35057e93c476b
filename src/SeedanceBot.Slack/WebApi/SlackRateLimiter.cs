using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SeedanceBot.Slack.WebApi;

/// <summary>
/// Slack's limits as the client keeps them: after a 429 a method waits out its <c>Retry-After</c> (other methods are
/// unaffected, as Slack counts per method), and messages into one channel are spaced about a second apart, Slack's
/// rule for chat.postMessage. Waits run on the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class SlackRateLimiter(TimeProvider time, ILogger<SlackRateLimiter> logger)
{
    /// <summary>About one message per second per channel.</summary>
    public static readonly TimeSpan ChannelSpacing = TimeSpan.FromSeconds(1);

    /// <summary>What python-slack-sdk assumes when a 429 carries no Retry-After.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _methodHolds = new(StringComparer.Ordinal);
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

    /// <summary>Holds <paramref name="method"/> for <paramref name="retryAfter"/> after a 429.</summary>
    public void RateLimited(string method, TimeSpan retryAfter)
    {
        var until = time.GetUtcNow() + retryAfter;
        _methodHolds.AddOrUpdate(method, until, (_, old) => old > until ? old : until);
        Log.RateLimited(logger, method, retryAfter.TotalMilliseconds);
    }
}
