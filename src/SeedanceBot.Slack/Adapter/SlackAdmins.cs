using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeedanceBot.Slack.WebApi;

namespace SeedanceBot.Slack.Adapter;

/// <summary>
/// Slack's admin signal: workspace admin, owner or primary owner per users.info, cached for a while. The lookup has a
/// short budget (it runs inside the 3-second acknowledgement window); when it fails the user is treated as a member.
/// </summary>
internal sealed class SlackAdmins(ISlackWebApi api, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackAdmins> logger)
{
    public static readonly TimeSpan LookupBudget = TimeSpan.FromSeconds(1.5);
    private readonly ConcurrentDictionary<string, (bool IsAdmin, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);

    public async Task<bool> IsAdminAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(userId, out var cached) && now - cached.At < options.Value.AdminCacheDuration)
        {
            return cached.IsAdmin;
        }

        try
        {
            var user = await api.GetUserAsync(userId, cancellationToken).WaitAsync(LookupBudget, time, cancellationToken);
            var isAdmin = user.IsAdmin || user.IsOwner || user.IsPrimaryOwner;
            _cache[userId] = (isAdmin, now);
            return isAdmin;
        }
        catch (SlackApiException ex)
        {
            Log.AdminLookupFailed(logger, userId, ex.Error);
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException)
        {
            Log.AdminLookupFailed(logger, userId, ex.GetType().Name);
        }

        return false;
    }
}
