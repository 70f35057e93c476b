using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Core.Quotas;

/// <summary>What people read about quotas: a refusal says which limit, the usage, and when it resets.</summary>
public static class QuotaMessages
{
    public static string Refusal(QuotaRefusal refusal, QuotaCheck check, QuotaUsage usage, int requestedSeconds, QuotaClock clock)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(clock);
        var resets = $"Your quota resets in {JobMessages.Elapsed(clock.Now, clock.NextReset(clock.Now))} (at midnight {clock.Zone.Id}).";
        var limits = check.User;
        return refusal switch
        {
            QuotaRefusal.ConcurrentJobs => $"You already have {usage.Running} video(s) in progress (limit {limits?.MaxConcurrentJobs}). Wait for one to finish.",
            QuotaRefusal.DailyVideos => $"You've made {usage.Videos} of your {limits?.DailyVideos} videos today. {resets}",
            QuotaRefusal.DailySeconds => $"That needs {requestedSeconds} s, but you have {Math.Max(0, (limits?.DailySeconds ?? 0) - usage.Seconds)} s of your {limits?.DailySeconds} s left today. Try a shorter video. {resets}",
            QuotaRefusal.WorkspaceDailyVideos => $"This workspace has used its {check.WorkspaceDailyVideos} videos for today. {resets}",
            QuotaRefusal.WorkspaceDailySeconds => $"This workspace has used its {check.WorkspaceDailySeconds} s of video for today. {resets}",
            _ => "You are over your quota.",
        };
    }

    /// <summary>
    /// A money refusal with the numbers: "this video would cost about $0.42; your daily budget is $1.00 and $0.80 is
    /// spent" (spent includes the estimates of jobs still running), and when the budget starts again.
    /// </summary>
    public static string Budget(QuotaRefusal refusal, QuotaCheck check, MoneySpent? spent, decimal estimate, QuotaClock clock)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(clock);
        var currency = check.Budget?.Currency ?? "USD";
        var money = spent ?? MoneySpent.None;
        string M(decimal? amount) => Costs.MoneyText.Format(amount ?? 0, currency);
        var now = clock.Now;
        var day = $"It starts again in {JobMessages.Elapsed(now, clock.NextReset(now))} (at midnight {clock.Zone.Id}).";
        var nextMonth = clock.MonthStart(clock.MonthStart(now).AddDays(32));
        var month = $"It starts again on {TimeZoneInfo.ConvertTime(nextMonth, clock.Zone):yyyy-MM-dd} ({clock.Zone.Id}).";
        var (whose, period, limit, used, again) = refusal switch
        {
            QuotaRefusal.DailyBudget => ("your daily budget", "today", check.User?.DailyBudget, money.UserDay, day),
            QuotaRefusal.MonthlyBudget => ("your monthly budget", "this month", check.User?.MonthlyBudget, money.UserMonth, month),
            QuotaRefusal.WorkspaceDailyBudget => ("this workspace's daily budget", "today", check.Budget?.WorkspaceDaily, money.WorkspaceDay, day),
            _ => ("this workspace's monthly budget", "this month", check.Budget?.WorkspaceMonthly, money.WorkspaceMonth, month),
        };
        return $"This video would cost about {M(estimate)}; {whose} is {M(limit)} and {M(used)} is spent or reserved {period}. Try a shorter video. {again}";
    }

    /// <summary>Whether a refusal is about money (<see cref="Budget"/> words it) rather than counts.</summary>
    public static bool IsBudget(QuotaRefusal refusal) =>
        refusal is QuotaRefusal.DailyBudget or QuotaRefusal.MonthlyBudget or QuotaRefusal.WorkspaceDailyBudget or QuotaRefusal.WorkspaceMonthlyBudget;
}
