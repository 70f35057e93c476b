namespace SeedanceBot.Core.Quotas;

/// <summary>
/// The money side of a <see cref="QuotaCheck"/>: the whole workspace's budgets (the user's are in
/// <see cref="QuotaLimits"/>) and the periods money counts over, the quota day and the calendar month of the quota time
/// zone (a <c>/quota reset</c> does not give money back).
/// </summary>
public sealed record BudgetCheck(decimal? WorkspaceDaily, decimal? WorkspaceMonthly, DateTimeOffset DayStart, DateTimeOffset MonthStart, string Currency);
