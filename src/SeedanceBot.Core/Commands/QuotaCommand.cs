using System.Globalization;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Core.Commands;

/// <summary>
/// /quota (admins only, checked here whatever the platform shows): <c>show &lt;user&gt;</c>, <c>set &lt;user&gt; videos=N
/// seconds=N concurrent=N</c> (or <c>clear</c>), <c>reset &lt;user&gt;</c>, <c>default videos=N ... cap-videos=N
/// cap-seconds=N</c>, <c>role &lt;role&gt; videos=N ...</c>, <c>top</c>, <c>budget user|role|workspace ... daily|monthly
/// &lt;amount&gt;|none|clear</c>. Text and typed options are read by
/// <see cref="QuotaRequestParser"/> into one <see cref="QuotaRequest"/>.
/// </summary>
public sealed class QuotaCommand(QuotaService quotas, IQuotaSettingsStore settings, IJobStore store, AdminPolicy admins) : ICommandHandler
{
    public const string CommandName = "quota";

    public string Name => CommandName;

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!admins.IsAdmin(command.Origin.Platform, command.User))
        {
            return CommandReply.Of(ChatMessage.Error("Only admins can view or change quotas. Use /balance to see your own."));
        }

        var parsed = command.Options.Count > 0 ? QuotaRequestParser.ParseOptions(command.Options) : QuotaRequestParser.ParseText(command.Text);
        if (parsed.Request is not { } request)
        {
            return CommandReply.Of(ChatMessage.Error(parsed.Error ?? QuotaRequestParser.Usage));
        }

        var workspace = new WorkspaceKey(command.Origin.Platform, command.Origin.WorkspaceId);
        return request switch
        {
            { Action: QuotaAction.Show, Target: { } user } => await ShowAsync(workspace, user, cancellationToken),
            { Action: QuotaAction.Set, Target: { } user, Clear: true } => await ClearAsync(workspace, user, cancellationToken),
            { Action: QuotaAction.Set, Target: { } user } => await SetUserAsync(workspace, user, request.Limits, cancellationToken),
            { Action: QuotaAction.Reset, Target: { } user } => await ResetAsync(workspace, user, cancellationToken),
            { Action: QuotaAction.Default } => await SetDefaultAsync(workspace, request, cancellationToken),
            { Action: QuotaAction.Role, Target: { } role } => await SetRoleAsync(workspace, role, request, cancellationToken),
            { Action: QuotaAction.Top } => await TopAsync(workspace, cancellationToken),
            { Action: QuotaAction.Budget, Budget: { } change } => await SetBudgetAsync(workspace, request.Target, change, cancellationToken),
            _ => CommandReply.Of(ChatMessage.Error(QuotaRequestParser.Usage)),
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
        var budget = quotas.Budget(await settings.GetWorkspaceAsync(workspace, cancellationToken));
        var spent = await store.GetSpendAsync(workspace.Platform, workspace.WorkspaceId, userId, budget.DayStart, budget.MonthStart, cancellationToken);
        string Of(decimal amount, decimal? limit) =>
            Money(amount, budget.Currency) + " of " + (limit is { } l ? Money(l, budget.Currency) : "no budget");
        return CommandReply.Of(new ChatMessage
        {
            Text = $"Quota of {userId}{(own is null ? " (defaults; roles are not known here)" : " (own override)")}",
            Ephemeral = true,
            Fields =
            [
                new("Videos today", $"{usage.Videos} of {limits.DailyVideos}"),
                new("Seconds today", $"{usage.Seconds} of {limits.DailySeconds}"),
                new("Running", $"{usage.Running} of {limits.MaxConcurrentJobs}"),
                new("Spent today", Of(spent.UserDay, limits.DailyBudget)),
                new("Spent this month", Of(spent.UserMonth, limits.MonthlyBudget)),
                new("Workspace spent today", Of(spent.WorkspaceDay, budget.WorkspaceDaily)),
                new("Workspace spent this month", Of(spent.WorkspaceMonth, budget.WorkspaceMonthly)),
            ],
        });
    }

    private async Task<CommandReply> SetUserAsync(WorkspaceKey workspace, string userId, QuotaOverride limits, CancellationToken cancellationToken)
    {
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

    private async Task<CommandReply> SetDefaultAsync(WorkspaceKey workspace, QuotaRequest request, CancellationToken cancellationToken)
    {
        var current = await settings.GetWorkspaceAsync(workspace, cancellationToken) ?? new WorkspaceQuota(new QuotaOverride());
        var updated = current with
        {
            MemberDefault = Merge(current.MemberDefault, request.Limits),
            DailyVideosCap = request.CapVideos ?? current.DailyVideosCap,
            DailySecondsCap = request.CapSeconds ?? current.DailySecondsCap,
        };
        await settings.SetWorkspaceAsync(workspace, updated, cancellationToken);
        return CommandReply.Of(ChatMessage.Private(
            $"Workspace default: {Describe(updated.MemberDefault)}; workspace caps per day: {updated.DailyVideosCap?.ToString(CultureInfo.InvariantCulture) ?? "none"} videos, {updated.DailySecondsCap?.ToString(CultureInfo.InvariantCulture) ?? "none"} seconds."));
    }

    private async Task<CommandReply> SetRoleAsync(WorkspaceKey workspace, string roleId, QuotaRequest request, CancellationToken cancellationToken)
    {
        if (request.Clear)
        {
            await settings.SetRoleAsync(workspace, roleId, null, cancellationToken);
            return CommandReply.Of(ChatMessage.Private($"Role {roleId} no longer has its own quota."));
        }

        var existing = await settings.GetRolesAsync(workspace, [roleId], cancellationToken);
        var merged = Merge(existing.Count > 0 ? existing[0] : null, request.Limits);
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

    /// <summary>
    /// Sets, removes or clears one budget. A member's or a role's budget lives in their override beside their limits (an
    /// override left with nothing set is removed); the workspace's in its settings. A cleared budget falls back to the
    /// next level (role tier, workspace default, <c>Quotas:DailyBudget</c>...); <c>none</c> is no budget at all for that
    /// one, whatever the next level says (a role's none is the most generous of a member's roles).
    /// </summary>
    private async Task<CommandReply> SetBudgetAsync(WorkspaceKey workspace, string? target, BudgetChange change, CancellationToken cancellationToken)
    {
        var currency = quotas.Budget(null).Currency;
        var period = change.Period == BudgetPeriod.Daily ? "daily" : "monthly";
        var said = change switch
        {
            { Amount: { } amount } => $"set to {Money(amount, currency)}",
            { NoBudget: true } => "none: no budget applies",
            _ => "cleared",
        };
        var cleared = change is { Amount: null, NoBudget: false };
        switch (change.Scope)
        {
            case BudgetScope.Workspace:
                var current = await settings.GetWorkspaceAsync(workspace, cancellationToken) ?? new WorkspaceQuota(new QuotaOverride());
                await settings.SetWorkspaceAsync(
                    workspace,
                    change.Period == BudgetPeriod.Daily
                        ? current with { DailyBudget = change.Amount, NoDailyBudget = change.NoBudget }
                        : current with { MonthlyBudget = change.Amount, NoMonthlyBudget = change.NoBudget },
                    cancellationToken);
                return CommandReply.Of(ChatMessage.Private($"The workspace's {period} budget is {said}{(cleared ? " (back to the configured default)" : string.Empty)}."));
            case BudgetScope.User when target is not null:
                var user = WithBudget(await settings.GetUserAsync(workspace, target, cancellationToken), change);
                await settings.SetUserAsync(workspace, target, user, cancellationToken);
                return CommandReply.Of(ChatMessage.Private($"{target}'s {period} budget is {said}{(cleared ? " (back to their roles' or the default budget)" : change.NoBudget ? " (not their roles' nor the default)" : string.Empty)}."));
            case BudgetScope.Role when target is not null:
                var roles = await settings.GetRolesAsync(workspace, [target], cancellationToken);
                await settings.SetRoleAsync(workspace, target, WithBudget(roles.Count > 0 ? roles[0] : null, change), cancellationToken);
                return CommandReply.Of(ChatMessage.Private($"Role {target}'s {period} budget is {said}. Members get the most generous of their roles (no budget is the most generous)."));
            default:
                return CommandReply.Of(ChatMessage.Error("Usage: /quota " + QuotaRequestParser.BudgetUsage));
        }
    }

    private static QuotaOverride? WithBudget(QuotaOverride? current, BudgetChange change)
    {
        var updated = change.Period == BudgetPeriod.Daily
            ? (current ?? new QuotaOverride()) with { DailyBudget = change.Amount, NoDailyBudget = change.NoBudget }
            : (current ?? new QuotaOverride()) with { MonthlyBudget = change.Amount, NoMonthlyBudget = change.NoBudget };
        return updated == new QuotaOverride() ? null : updated;
    }

    private static string Money(decimal amount, string currency) => Costs.MoneyText.Format(amount, currency);

    /// <summary>The counted limits changed, the budgets (amounts and "none") kept as they were.</summary>
    private static QuotaOverride Merge(QuotaOverride? current, QuotaOverride changes) => (current ?? new QuotaOverride()) with
    {
        DailyVideos = changes.DailyVideos ?? current?.DailyVideos,
        DailySeconds = changes.DailySeconds ?? current?.DailySeconds,
        MaxConcurrentJobs = changes.MaxConcurrentJobs ?? current?.MaxConcurrentJobs,
    };

    private static string Describe(QuotaOverride limits) => string.Join(", ", new[]
    {
        limits.DailyVideos is { } v ? $"{v} videos/day" : null,
        limits.DailySeconds is { } s ? $"{s} s/day" : null,
        limits.MaxConcurrentJobs is { } c ? $"{c} at once" : null,
    }.Where(x => x is not null));
}
