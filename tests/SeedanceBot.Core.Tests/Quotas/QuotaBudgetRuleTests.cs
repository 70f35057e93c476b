using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Core.Tests.Quotas;

/// <summary>The money side of the quota rule, table by table: each budget, exempt admins, and free jobs.</summary>
public sealed class QuotaBudgetRuleTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 15, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, double?, double?, double?, double?, bool, double, double, double, double, double, QuotaRefusal?> Cases => new()
    {
        // name, user day, user month, workspace day, workspace month budgets, exempt, spent user day, user month, ws day, ws month, estimate, expected
        { "no budgets", null, null, null, null, false, 99, 99, 99, 99, 5, null },
        { "fits the daily budget", 1.00, null, null, null, false, 0.50, 0.50, 0, 0, 0.42, null },
        { "exactly reaches it", 1.00, null, null, null, false, 0.58, 0.58, 0, 0, 0.42, null },
        { "one cent over", 1.00, null, null, null, false, 0.59, 0.59, 0, 0, 0.42, QuotaRefusal.DailyBudget },
        { "monthly budget", null, 20, null, null, false, 0, 19.80, 0, 0, 0.42, QuotaRefusal.MonthlyBudget },
        { "daily before monthly", 1.00, 20, null, null, false, 0.80, 19.80, 0, 0, 0.42, QuotaRefusal.DailyBudget },
        { "user before workspace", 1.00, null, 5, null, false, 0.80, 0.80, 4.80, 4.80, 0.42, QuotaRefusal.DailyBudget },
        { "workspace daily", null, null, 5, null, false, 0, 0, 4.80, 4.80, 0.42, QuotaRefusal.WorkspaceDailyBudget },
        { "workspace monthly", null, null, null, 100, false, 0, 0, 0, 99.70, 0.42, QuotaRefusal.WorkspaceMonthlyBudget },
        { "exempt admin skips user budgets", 1.00, null, null, null, true, 0.80, 0.80, 0, 0, 0.42, null },
        { "exempt admin still meets the workspace's", 1.00, null, 5, null, true, 0.80, 0.80, 4.80, 4.80, 0.42, QuotaRefusal.WorkspaceDailyBudget },
        { "a free job always fits", 0, 0, 0, 0, false, 1, 1, 1, 1, 0, null },
        { "a zero budget refuses any priced job", 0, null, null, null, false, 0, 0, 0, 0, 0.01, QuotaRefusal.DailyBudget },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_Budgets_RefuseTheFirstBudgetBroken(
        string name, double? daily, double? monthly, double? workspaceDaily, double? workspaceMonthly, bool exempt,
        double userDay, double userMonth, double workspaceDay, double workspaceMonth, double estimate, QuotaRefusal? expected)
    {
        _ = name;
        var check = new QuotaCheck(
            exempt ? null : new QuotaLimits(100, 10_000, 100, (decimal?)daily, (decimal?)monthly),
            null,
            null,
            Day,
            Day,
            new BudgetCheck((decimal?)workspaceDaily, (decimal?)workspaceMonthly, Day, Day.AddDays(-14), "USD"));
        var spent = new MoneySpent((decimal)userDay, (decimal)userMonth, (decimal)workspaceDay, (decimal)workspaceMonth);

        Assert.Equal(expected, QuotaRule.Decide(check, new CountedUsage(QuotaUsage.None, 0, 0, spent), 5, (decimal)estimate));
    }

    [Fact]
    public void Decide_CountLimitBroken_ComesBeforeMoney()
    {
        var check = new QuotaCheck(new QuotaLimits(0, 10_000, 100, 1m), null, null, Day, Day, new BudgetCheck(null, null, Day, Day, "USD"));

        Assert.Equal(QuotaRefusal.DailyVideos, QuotaRule.Decide(check, new CountedUsage(QuotaUsage.None, 0, 0, new MoneySpent(5, 5, 5, 5)), 5, 1m));
    }

    [Fact]
    public void MostGenerous_NoBudgetBeatsAnyBudget()
    {
        var limited = new QuotaLimits(1, 1, 1, 2m, 10m);
        var larger = new QuotaLimits(1, 1, 1, 3m, null);

        Assert.Equal(new QuotaLimits(1, 1, 1, 3m, null), QuotaLimits.MostGenerous(limited, larger));
    }

    [Fact]
    public void Message_DailyBudget_SaysTheNumbers()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 20, 0, 0, TimeSpan.Zero));
        var clock = new QuotaClock(time, TimeZoneInfo.Utc);
        var check = new QuotaCheck(new QuotaLimits(100, 10_000, 100, 1.00m), null, null, Day, Day, new BudgetCheck(null, 50m, Day, Day.AddDays(-14), "USD"));

        var text = QuotaMessages.Budget(QuotaRefusal.DailyBudget, check, new MoneySpent(0.80m, 3m, 0.80m, 3m), 0.42m, clock);
        var month = QuotaMessages.Budget(QuotaRefusal.WorkspaceMonthlyBudget, check, new MoneySpent(0, 0, 0, 49.9m), 0.42m, clock);

        Assert.StartsWith("This video would cost about $0.42; your daily budget is $1.00 and $0.80 is spent or reserved today.", text, StringComparison.Ordinal);
        Assert.Contains("starts again in 4h 00m", text, StringComparison.Ordinal);
        Assert.Contains("this workspace's monthly budget is $50.00 and $49.90 is spent or reserved this month", month, StringComparison.Ordinal);
        Assert.Contains("starts again on 2026-04-01", month, StringComparison.Ordinal);
    }
}
