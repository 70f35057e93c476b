using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeedanceBot.Slack.WebApi;

namespace SeedanceBot.Slack.Adapter;

/// <summary>
/// Slack's admin signal: workspace admin, owner or primary owner per users.info, cached for a while. Nothing waits for
/// users.info before an acknowledgement: <see cref="Peek"/> answers from the cache (a stale answer is served while a
/// refresh runs in the background), and a user never looked up is resolved with <see cref="IsAdminAsync"/> after the
/// acknowledgement. When a lookup fails the user is treated as a member (cached only when Slack says the user is not
/// found or not visible; a timeout or rate limit is asked again next time).
/// </summary>
internal sealed class SlackAdmins(ISlackWebApi api, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackAdmins> logger)
{
    /// <summary>How long a lookup may take (it runs after the acknowledgement, through Slack's rate limit for users.info).</summary>
    public static readonly TimeSpan LookupBudget = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (bool IsAdmin, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<bool>> _lookups = new(StringComparer.Ordinal);

    /// <summary>The cached answer without waiting, or null when the user was never looked up; a stale answer starts a refresh.</summary>
    public bool? Peek(string userId)
    {
        if (!_cache.TryGetValue(userId, out var cached))
        {
            return null;
        }

        if (time.GetUtcNow() - cached.At >= options.Value.AdminCacheDuration)
        {
            Warm(userId);
        }

        return cached.IsAdmin;
    }

    /// <summary>Looks the user up in the background (one lookup per user at a time), so a later request finds the answer cached.</summary>
    public void Warm(string userId) => _ = LookUpOnceAsync(userId);

    /// <summary>The fresh cached answer, else users.info's (for use after the acknowledgement).</summary>
    public Task<bool> IsAdminAsync(string userId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(userId, out var cached) && time.GetUtcNow() - cached.At < options.Value.AdminCacheDuration)
        {
            return Task.FromResult(cached.IsAdmin);
        }

        return LookUpOnceAsync(userId).WaitAsync(cancellationToken);
    }

    /// <summary>One users.info call per user at a time; callers meanwhile share it.</summary>
    private Task<bool> LookUpOnceAsync(string userId)
    {
        var lookup = _lookups.GetOrAdd(userId, id => LookUpAsync(id));
        if (lookup.IsCompleted)
        {
            _lookups.TryRemove(new KeyValuePair<string, Task<bool>>(userId, lookup));
        }
        else
        {
            _ = lookup.ContinueWith(t => _lookups.TryRemove(new KeyValuePair<string, Task<bool>>(userId, t)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return lookup;
    }

    private async Task<bool> LookUpAsync(string userId)
    {
        var now = time.GetUtcNow();
        try
        {
            var user = await api.GetUserAsync(userId, CancellationToken.None).WaitAsync(LookupBudget, time);
            var isAdmin = user.IsAdmin || user.IsOwner || user.IsPrimaryOwner;
            _cache[userId] = (isAdmin, now);
            return isAdmin;
        }
        catch (SlackApiException ex)
        {
            Log.AdminLookupFailed(logger, userId, ex.Error);
            if (ex.Error is "user_not_found" or "user_not_visible")
            {
                // Slack's definite answer: not a member the bot can see, so not an admin; ask again only when stale.
                _cache[userId] = (false, now);
            }
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException)
        {
            Log.AdminLookupFailed(logger, userId, ex.GetType().Name);
        }

        return false;
    }
}
