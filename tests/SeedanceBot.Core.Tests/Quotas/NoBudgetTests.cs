using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Testing.Fakes;

namespace SeedanceBot.Core.Tests.Quotas;

/// <summary>
/// "No budget" (<c>/quota budget ... none</c>) as the one rule applies it: an override's none means no budget at that
/// level whatever the next level says; an amount beside it wins; clearing (no field, no flag) falls back again.
/// </summary>
public sealed class NoBudgetTests
{
    private static readonly WorkspaceKey Workspace = new("discord", "G1");

    private static readonly ChatOrigin Origin = new("discord", "G1", "C1");

    private static readonly QuotaOverride NoDaily = new(NoDailyBudget: true);

    public static TheoryData<string, QuotaOverride?, QuotaOverride[], QuotaOverride?, decimal?, decimal?> Cases => new()
    {
        // case, the workspace's member default, the member's roles' overrides, the member's own override -> the daily
        // and monthly budgets that apply (configured defaults: 5.00 a day, 50.00 a month)
        { "nothing set: the configured defaults", null, [], null, 5.00m, 50m },
        { "own none: no daily budget, the monthly default stays", null, [], NoDaily, null, 50m },
        { "own none for both periods", null, [], new QuotaOverride(NoDailyBudget: true, NoMonthlyBudget: true), null, null },
        { "own none keeps other own limits apart", null, [], new QuotaOverride(DailyVideos: 3, NoMonthlyBudget: true), 5.00m, null },
        { "role none: unlimited for its members", null, [NoDaily], null, null, 50m },
        { "role none but own amount: the amount", null, [NoDaily], new QuotaOverride(DailyBudget: 2.00m), 2.00m, 50m },
        { "role amount but own none: none", null, [new QuotaOverride(DailyBudget: 20m)], NoDaily, null, 50m },
        { "role none beside a role amount: none is the most generous", null, [new QuotaOverride(DailyBudget: 1m), NoDaily], null, null, 50m },
        { "member default none: nobody has a daily budget", NoDaily, [], null, null, 50m },
        { "member default none, own amount: the amount", NoDaily, [], new QuotaOverride(DailyBudget: 0.50m), 0.50m, 50m },
        { "an amount beside the flag wins", null, [], new QuotaOverride(DailyBudget: 3m, NoDailyBudget: true), 3m, 50m },
        { "own override without budgets: the default still applies", null, [], new QuotaOverride(DailyVideos: 1), 5.00m, 50m },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Resolve_NoBudgetAtALevel_ReplacesTheNextLevelsBudget(string name, QuotaOverride? memberDefault, QuotaOverride[] roles, QuotaOverride? own, decimal? daily, decimal? monthly)
    {
        var store = new InMemoryJobStore();
        if (memberDefault is not null)
        {
            await store.SetWorkspaceAsync(Workspace, new WorkspaceQuota(memberDefault), CancellationToken.None);
        }

        for (var i = 0; i < roles.Length; i++)
        {
            await store.SetRoleAsync(Workspace, $"R{i}", roles[i], CancellationToken.None);
        }

        await store.SetUserAsync(Workspace, "U1", own, CancellationToken.None);

        var check = await Service(store).ResolveAsync(Origin, new ChatUser("U1", RoleIds: [.. roles.Select((_, i) => $"R{i}")]), CancellationToken.None);

        Assert.True((daily, monthly) == (check.User!.DailyBudget, check.User.MonthlyBudget), $"{name}: {check.User}");
    }

    [Theory]
    [InlineData(null, false, 100.0)]
    [InlineData(null, true, null)]
    [InlineData(7.5, false, 7.5)]
    [InlineData(7.5, true, 7.5)]
    public async Task Budget_WorkspaceNone_RemovesTheConfiguredWorkspaceBudget(double? amount, bool none, double? expected)
    {
        var store = new InMemoryJobStore();
        await store.SetWorkspaceAsync(Workspace, new WorkspaceQuota(new QuotaOverride(), DailyBudget: (decimal?)amount, NoDailyBudget: none), CancellationToken.None);

        var check = await Service(store).ResolveAsync(Origin, new ChatUser("U1"), CancellationToken.None);

        Assert.Equal((decimal?)expected, check.Budget!.WorkspaceDaily);
        Assert.Equal(1_000m, check.Budget.WorkspaceMonthly);
    }

    [Fact]
    public void Decide_OwnNoneOverADefault_TheJobFitsWhateverItCosts()
    {
        var day = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);
        var budget = new BudgetCheck(null, null, day, day, "USD");
        var limits = NoDaily.Over(new QuotaLimits(10, 600, 2, DailyBudget: 5.00m));
        var check = new QuotaCheck(limits, null, null, day, day, budget);

        Assert.False(QuotaRule.HasUserBudget(check));
        Assert.Null(QuotaRule.DecideBudget(check, new MoneySpent(UserDay: 4.99m, UserMonth: 4.99m, WorkspaceDay: 0, WorkspaceMonth: 0), 1_000m));
    }

    [Fact]
    public void Read_ARecordStoredBeforeNone_ReadsWithoutTheFlags()
    {
        // Rows written before "none" existed hold no flag fields: they read as "no flag", so the default still applies.
        Assert.Equal(new QuotaOverride(DailyVideos: 3, DailyBudget: 2.5m), RecordJson.Read<QuotaOverride>("""{"DailyVideos":3,"DailySeconds":null,"MaxConcurrentJobs":null,"DailyBudget":2.5,"MonthlyBudget":null}"""));
        Assert.Equal(new WorkspaceQuota(new QuotaOverride(), 10, null, 20m), RecordJson.Read<WorkspaceQuota>("""{"MemberDefault":{"DailyVideos":null},"DailyVideosCap":10,"DailySecondsCap":null,"DailyBudget":20,"MonthlyBudget":null}"""));
    }

    private static QuotaService Service(InMemoryJobStore store)
    {
        var options = Options.Create(new QuotaOptions { DailyBudget = 5.00m, MonthlyBudget = 50m, WorkspaceDailyBudget = 100m, WorkspaceMonthlyBudget = 1_000m });
        var admins = new AdminPolicy(new ConfigurationBuilder().Build());
        var clock = new QuotaClock(new FakeTimeProvider(new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero)), TimeZoneInfo.Utc);
        return new QuotaService(store, options, admins, clock);
    }
}
