using System.Globalization;
using System.Text.RegularExpressions;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Core.Commands;

/// <summary>
/// /quota (admins only, checked here whatever the platform shows): <c>show &lt;user&gt;</c>, <c>set &lt;user&gt; videos=N
/// seconds=N concurrent=N</c> (or <c>clear</c>), <c>reset &lt;user&gt;</c>, <c>default videos=N ... cap-videos=N
/// cap-seconds=N</c>, <c>role &lt;role&gt; videos=N ...</c>, <c>top</c>.
/// </summary>
public sealed partial class QuotaCommand(QuotaService quotas, IQuotaSettingsStore settings, IJobStore store, AdminPolicy admins) : ICommandHandler
{
    public const string CommandName = "quota";
    private const string Usage = "Usage: /quota show <user> | set <user> videos=N seconds=N concurrent=N | set <user> clear | reset <user> | default videos=N seconds=N concurrent=N cap-videos=N cap-seconds=N | role <role> videos=N ... | top";

    public string Name => CommandName;

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!admins.IsAdmin(command.Origin.Platform, command.User))
        {
            return CommandReply.Of(ChatMessage.Error("Only admins can view or change quotas. Use /balance to see your own."));
        }

        var text = command.Options.Count > 0 ? string.Join(' ', command.Options.Select(o => o.Key == "action" || o.Key == "target" ? o.Value : $"{o.Key}={o.Value}")) : command.Text;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var workspace = new WorkspaceKey(command.Origin.Platform, command.Origin.WorkspaceId);
        var action = words.FirstOrDefault()?.ToLowerInvariant();
        var target = words.Length > 1 ? Mention(words[1]) : null;
        var assignments = words.Skip(action is "default" or "top" ? 1 : 2).ToList();
        return action switch
        {
            "show" when target is not null => await ShowAsync(workspace, target, cancellationToken),
            "set" when target is not null && assignments is ["clear"] => await ClearAsync(workspace, target, cancellationToken),
            "set" when target is not null => await SetUserAsync(workspace, target, assignments, cancellationToken),
            "reset" when target is not null => await ResetAsync(workspace, target, cancellationToken),
            "default" => await SetDefaultAsync(workspace, assignments, cancellationToken),
            "role" when target is not null => await SetRoleAsync(workspace, target, assignments, cancellationToken),
            "top" => await TopAsync(workspace, cancellationToken),
            _ => CommandReply.Of(ChatMessage.Error(Usage)),
        };
    }

    private async Task<CommandReply> ShowAsync(WorkspaceKey workspace, string userId, CancellationToken cancellationToken)
    {
        var limits = await quotas.LimitsAsync(workspace, new ChatUser(userId), await settings.GetWorkspaceAsync(workspace, cancellationToken), cancellationToken);
        var dayStart = quotas.Clock.DayStart(quotas.Clock.Now);
        var reset = await settings.GetUsageResetAsync(workspace, userId, cancellationToken);
        var since = reset is { } at && at > dayStart ? at : dayStart;
        var usage = await store.GetUsageAsync(workspace.Platform, workspace.WorkspaceId, userId, since, cancellationToken);
        var own = await settings.GetUserAsync(workspace, userId, cancellationToken);
        return CommandReply.Of(new ChatMessage
        {
            Text = $"Quota of {userId}{(own is null ? " (defaults; roles are not known here)" : " (own override)")}",
            Ephemeral = true,
            Fields =
            [
                new("Videos today", $"{usage.Videos} of {limits.DailyVideos}"),
                new("Seconds today", $"{usage.Seconds} of {limits.DailySeconds}"),
                new("Running", $"{usage.Running} of {limits.MaxConcurrentJobs}"),
            ],
        });
    }

    private async Task<CommandReply> SetUserAsync(WorkspaceKey workspace, string userId, IReadOnlyList<string> assignments, CancellationToken cancellationToken)
    {
        var (limits, _, _, error) = ParseAssignments(assignments, allowCaps: false);
        if (error is not null)
        {
            return CommandReply.Of(ChatMessage.Error(error));
        }

        var merged = Merge(await settings.GetUserAsync(workspace, userId, cancellationToken), limits);
        await settings.SetUserAsync(workspace, userId, merged, cancellationToken);
        return CommandReply.Of(ChatMessage.Private($"Quota of {userId} set: {Describe(merged)}."));
    }

    private async Task<CommandReply> ClearAsync(WorkspaceKey workspace, string userId, CancellationToken cancellationToken)
    {
        await settings.SetUserAsync(workspace, userId, null, cancellationToken);
        return CommandReply.Of(ChatMessage.Private($"{userId} is back on the default quota."));
    }

    private async Task<CommandReply> ResetAsync(WorkspaceKey workspace, string userId, CancellationToken cancellationToken)
    {
        await settings.SetUsageResetAsync(workspace, userId, quotas.Clock.Now, cancellationToken);
        return CommandReply.Of(ChatMessage.Private($"{userId}'s usage today was reset."));
    }

    private async Task<CommandReply> SetDefaultAsync(WorkspaceKey workspace, IReadOnlyList<string> assignments, CancellationToken cancellationToken)
    {
        var (limits, capVideos, capSeconds, error) = ParseAssignments(assignments, allowCaps: true);
        if (error is not null)
        {
            return CommandReply.Of(ChatMessage.Error(error));
        }

        var current = await settings.GetWorkspaceAsync(workspace, cancellationToken) ?? new WorkspaceQuota(new QuotaOverride());
        var updated = new WorkspaceQuota(Merge(current.MemberDefault, limits), capVideos ?? current.DailyVideosCap, capSeconds ?? current.DailySecondsCap);
        await settings.SetWorkspaceAsync(workspace, updated, cancellationToken);
        return CommandReply.Of(ChatMessage.Private(
            $"Workspace default: {Describe(updated.MemberDefault)}; workspace caps per day: {updated.DailyVideosCap?.ToString(CultureInfo.InvariantCulture) ?? "none"} videos, {updated.DailySecondsCap?.ToString(CultureInfo.InvariantCulture) ?? "none"} seconds."));
    }

    private async Task<CommandReply> SetRoleAsync(WorkspaceKey workspace, string roleId, IReadOnlyList<string> assignments, CancellationToken cancellationToken)
    {
        if (assignments is ["clear"])
        {
            await settings.SetRoleAsync(workspace, roleId, null, cancellationToken);
            return CommandReply.Of(ChatMessage.Private($"Role {roleId} no longer has its own quota."));
        }

        var (limits, _, _, error) = ParseAssignments(assignments, allowCaps: false);
        if (error is not null)
        {
            return CommandReply.Of(ChatMessage.Error(error));
        }

        var existing = await settings.GetRolesAsync(workspace, [roleId], cancellationToken);
        var merged = Merge(existing.Count > 0 ? existing[0] : null, limits);
        await settings.SetRoleAsync(workspace, roleId, merged, cancellationToken);
        return CommandReply.Of(ChatMessage.Private($"Role {roleId} quota: {Describe(merged)}. Members get the most generous of their roles."));
    }

    private async Task<CommandReply> TopAsync(WorkspaceKey workspace, CancellationToken cancellationToken)
    {
        var since = quotas.Clock.DayStart(quotas.Clock.Now).AddDays(-6);
        var top = await store.TopUsersAsync(workspace.Platform, workspace.WorkspaceId, since, 10, cancellationToken);
        return CommandReply.Of(top.Count == 0
            ? ChatMessage.Private("No videos were made in the last 7 days.")
            : new ChatMessage
            {
                Text = "Top users, last 7 days:",
                Ephemeral = true,
                Fields = [.. top.Select((u, i) => new ChatField($"{i + 1}. {u.UserName ?? u.UserId}", $"{u.Videos} videos, {u.Seconds} s", Inline: false))],
            });
    }

    private static (QuotaOverride Limits, int? CapVideos, int? CapSeconds, string? Error) ParseAssignments(IReadOnlyList<string> assignments, bool allowCaps)
    {
        if (assignments.Count == 0)
        {
            return (new QuotaOverride(), null, null, "Say what to set, e.g. videos=20 seconds=300 concurrent=3" + (allowCaps ? " cap-videos=200 cap-seconds=3000." : "."));
        }

        int? videos = null, seconds = null, concurrent = null, capVideos = null, capSeconds = null;
        foreach (var assignment in assignments)
        {
            var parts = assignment.Split('=', 2);
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return (new QuotaOverride(), null, null, $"'{assignment}' is not name=number. Names: videos, seconds, concurrent{(allowCaps ? ", cap-videos, cap-seconds" : string.Empty)}.");
            }

            switch (parts[0].ToLowerInvariant())
            {
                case "videos": videos = value; break;
                case "seconds": seconds = value; break;
                case "concurrent" when value >= 1: concurrent = value; break;
                case "cap-videos" when allowCaps: capVideos = value; break;
                case "cap-seconds" when allowCaps: capSeconds = value; break;
                default:
                    return (new QuotaOverride(), null, null, $"'{parts[0]}' can't be set here (concurrent must be at least 1). Names: videos, seconds, concurrent{(allowCaps ? ", cap-videos, cap-seconds" : string.Empty)}.");
            }
        }

        return (new QuotaOverride(videos, seconds, concurrent), capVideos, capSeconds, null);
    }

    private static QuotaOverride Merge(QuotaOverride? current, QuotaOverride changes) => new(
        changes.DailyVideos ?? current?.DailyVideos,
        changes.DailySeconds ?? current?.DailySeconds,
        changes.MaxConcurrentJobs ?? current?.MaxConcurrentJobs);

    private static string Describe(QuotaOverride limits) => string.Join(", ", new[]
    {
        limits.DailyVideos is { } v ? $"{v} videos/day" : null,
        limits.DailySeconds is { } s ? $"{s} s/day" : null,
        limits.MaxConcurrentJobs is { } c ? $"{c} at once" : null,
    }.Where(x => x is not null));

    /// <summary>A user or role as typed: a raw id or a mention (Slack <c>&lt;@U123|name&gt;</c>, Discord <c>&lt;@123&gt;</c>, <c>&lt;@&amp;456&gt;</c>).</summary>
    private static string Mention(string word)
    {
        var match = MentionPattern().Match(word);
        return match.Success ? match.Groups["id"].Value : word;
    }

    [GeneratedRegex(@"^<[@#][!&]?(?<id>[A-Za-z0-9]+)(\|[^>]*)?>$")]
    private static partial Regex MentionPattern();
}
