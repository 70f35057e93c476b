namespace SeedanceBot.Core.Quotas;

/// <summary>What admins set with /quota: per-user overrides, role tiers, workspace defaults and caps, usage resets.</summary>
public interface IQuotaSettingsStore
{
    Task<QuotaOverride?> GetUserAsync(WorkspaceKey workspace, string userId, CancellationToken cancellationToken);

    /// <summary>Sets or, with null, removes a user's override.</summary>
    Task SetUserAsync(WorkspaceKey workspace, string userId, QuotaOverride? limits, CancellationToken cancellationToken);

    /// <summary>The overrides of the given roles that have one.</summary>
    Task<IReadOnlyList<QuotaOverride>> GetRolesAsync(WorkspaceKey workspace, IReadOnlyCollection<string> roleIds, CancellationToken cancellationToken);

    Task SetRoleAsync(WorkspaceKey workspace, string roleId, QuotaOverride? limits, CancellationToken cancellationToken);

    Task<WorkspaceQuota?> GetWorkspaceAsync(WorkspaceKey workspace, CancellationToken cancellationToken);

    Task SetWorkspaceAsync(WorkspaceKey workspace, WorkspaceQuota settings, CancellationToken cancellationToken);

    /// <summary>When an admin last reset the user's usage; usage before it does not count.</summary>
    Task<DateTimeOffset?> GetUsageResetAsync(WorkspaceKey workspace, string userId, CancellationToken cancellationToken);

    Task SetUsageResetAsync(WorkspaceKey workspace, string userId, DateTimeOffset at, CancellationToken cancellationToken);
}
