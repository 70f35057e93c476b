namespace SeedanceBot.Core.Quotas;

/// <summary>
/// What a new job must fit in, resolved by the quota policy and checked by the store atomically with the insert.
/// </summary>
/// <param name="User">The caller's limits; null when the caller is exempt.</param>
/// <param name="WorkspaceDailyVideos">The whole workspace's daily video cap; null for none.</param>
/// <param name="WorkspaceDailySeconds">The whole workspace's daily seconds cap; null for none.</param>
/// <param name="Since">Usage counts from here: the start of the quota day, or a later admin reset.</param>
/// <param name="WorkspaceSince">The start of the quota day for workspace caps.</param>
/// <param name="Budget">The workspace's money budgets and the periods money counts over; null when nothing is priced.</param>
public sealed record QuotaCheck(QuotaLimits? User, int? WorkspaceDailyVideos, int? WorkspaceDailySeconds, DateTimeOffset Since, DateTimeOffset WorkspaceSince, BudgetCheck? Budget = null);
