using Microsoft.Extensions.Options;
using SeedanceBot.Core.Chat;

namespace SeedanceBot.Core.Quotas;

/// <summary>
/// Resolves a caller's effective limits: a per-user override beats the most generous of their roles' tiers, which beats
/// the workspace default, which beats the global default. Admins are exempt when configured.
/// </summary>
public sealed class QuotaService(IQuotaSettingsStore settings, IOptions<QuotaOptions> options, AdminPolicy admins, QuotaClock clock, IOptions<Costs.PricingOptions>? pricing = null)
{
    public QuotaClock Clock => clock;

    public async Task<QuotaCheck> ResolveAsync(ChatOrigin origin, ChatUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(user);
        var workspace = new WorkspaceKey(origin.Platform, origin.WorkspaceId);
        var workspaceSettings = await settings.GetWorkspaceAsync(workspace, cancellationToken);
        var exempt = options.Value.ExemptAdmins && admins.IsAdmin(origin.Platform, user);
        var limits = exempt ? null : await LimitsAsync(workspace, user, workspaceSettings, cancellationToken);
        var dayStart = clock.DayStart(clock.Now);
        var reset = await settings.GetUsageResetAsync(workspace, user.UserId, cancellationToken);
        var since = reset is { } at && at > dayStart ? at : dayStart;
        return new QuotaCheck(
            limits,
            workspaceSettings?.DailyVideosCap ?? options.Value.WorkspaceDailyVideos,
            workspaceSettings?.DailySecondsCap ?? options.Value.WorkspaceDailySeconds,
            since,
            dayStart,
            Budget(workspaceSettings));
    }

    /// <summary>The workspace's money budgets (set by /quota budget, none if set so, else configured) and the periods they count over.</summary>
    public BudgetCheck Budget(WorkspaceQuota? workspaceSettings)
    {
        var now = clock.Now;
        return new BudgetCheck(
            workspaceSettings?.DailyBudget ?? (workspaceSettings?.NoDailyBudget == true ? null : options.Value.WorkspaceDailyBudget),
            workspaceSettings?.MonthlyBudget ?? (workspaceSettings?.NoMonthlyBudget == true ? null : options.Value.WorkspaceMonthlyBudget),
            clock.DayStart(now),
            clock.MonthStart(now),
            pricing?.Value.Currency ?? "USD");
    }

    /// <summary>The limits that apply to a user, ignoring exemption (what /quota show displays).</summary>
    public async Task<QuotaLimits> LimitsAsync(WorkspaceKey workspace, ChatUser user, WorkspaceQuota? workspaceSettings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var baseline = workspaceSettings?.MemberDefault.Over(options.Value.Defaults) ?? options.Value.Defaults;
        var roles = user.Roles.Count == 0 ? [] : await settings.GetRolesAsync(workspace, user.Roles, cancellationToken);
        var fromRoles = roles.Count == 0 ? baseline : roles.Select(r => r.Over(baseline)).Aggregate(QuotaLimits.MostGenerous);
        var own = await settings.GetUserAsync(workspace, user.UserId, cancellationToken);
        return own?.Over(fromRoles) ?? fromRoles;
    }
}
