namespace SeedanceBot.Core.Quotas;

/// <summary>A workspace's settings: the default for its members, caps for the whole workspace per day, and its money budgets per day and month.</summary>
public sealed record WorkspaceQuota(QuotaOverride MemberDefault, int? DailyVideosCap = null, int? DailySecondsCap = null, decimal? DailyBudget = null, decimal? MonthlyBudget = null);
