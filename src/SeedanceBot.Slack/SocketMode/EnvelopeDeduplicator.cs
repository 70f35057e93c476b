using System.Collections.Concurrent;
using SeedanceBot.Core.Chat;

namespace SeedanceBot.Slack.SocketMode;

/// <summary>
/// Remembers envelopes (and events) already handled for a while, so one redelivered during a connection overlap, as an
/// Events API retry, or to another replica's connection (Slack spreads envelopes over all of an app's connections) is
/// acknowledged but not handled twice. The shared <see cref="IInteractionLedger"/> decides across replicas; a local
/// memory answers this process's own redeliveries without asking the store.
/// </summary>
internal sealed class EnvelopeDeduplicator(IInteractionLedger ledger, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    /// <summary>The ledger's key prefix: apart from the request keys (<c>trigger:</c>, <c>envelope:</c>) the handler records.</summary>
    public const string KeyPrefix = "socket:";

    private const int PruneAbove = 5000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time <paramref name="key"/> is seen within the window, by any replica on the store.</summary>
    public async ValueTask<bool> FirstTimeAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Prune(now);
        if (_seen.TryGetValue(key, out var seenAt) && now - seenAt <= Window)
        {
            return false;
        }

        _seen[key] = now;
        return await ledger.TryRecordAsync(Events.SlackRequestHandler.PlatformName, KeyPrefix + key, now + Window, cancellationToken);
    }

    private void Prune(DateTimeOffset now)
    {
        if (_seen.Count <= PruneAbove)
        {
            return;
        }

        foreach (var (old, at) in _seen)
        {
            if (now - at > Window)
            {
                _seen.TryRemove(old, out _);
            }
        }
    }
}
