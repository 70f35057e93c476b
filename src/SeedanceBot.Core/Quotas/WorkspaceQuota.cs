namespace SeedanceBot.Core.Quotas;

/// <summary>
/// A workspace's settings: the default for its members, caps for the whole workspace per day, and its money budgets per
/// day and month (null: the configured one; <see cref="NoDailyBudget"/> / <see cref="NoMonthlyBudget"/>: none at all,
/// whatever is configured).
/// </summary>
public sealed record WorkspaceQuota(
    QuotaOverride MemberDefault,
    int? DailyVideosCap = null,
    int? DailySecondsCap = null,
    decimal? DailyBudget = null,
    decimal? MonthlyBudget = null,
    bool NoDailyBudget = false,
    bool NoMonthlyBudget = false);
