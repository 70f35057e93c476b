using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.Postgres;

/// <summary>One reservation waiting for its transaction: the job, its check, and the keys it counts and locks by.</summary>
internal sealed record Reservation(BotJob Job, QuotaCheck Check, Core.Chat.ReplayKey? ReplayKey = null)
{
    public Guid UserKey { get; } = RowKeys.User(Job.Origin.Platform, Job.Origin.WorkspaceId, Job.UserId);

    public Guid WorkspaceKey { get; } = RowKeys.Workspace(Job.Origin.Platform, Job.Origin.WorkspaceId);

    public int UserLock { get; } = RowKeys.UserLock(Job.Origin.Platform, Job.Origin.WorkspaceId, Job.UserId);

    public int WorkspaceLock { get; } = RowKeys.WorkspaceLock(Job.Origin.Platform, Job.Origin.WorkspaceId);

    /// <summary>Counted against the workspace's caps or budgets: the workspace's lock is taken alone.</summary>
    public bool WholeWorkspace => QuotaRule.HasWorkspaceCap(Check) || QuotaRule.HasWorkspaceBudget(Check);

    /// <summary>The start of the budget's month and day, as ticks (0 without a budget).</summary>
    public long MonthStart => Check.Budget is { } budget ? Math.Max(0, budget.MonthStart.UtcTicks) : 0;

    public long DayStart => Check.Budget is { } budget ? Math.Max(0, budget.DayStart.UtcTicks) : 0;
}
