using SeedanceBot.Core.Quotas;
using Xunit;

namespace SeedanceBot.Testing.Contracts;

/// <summary>What every <see cref="IQuotaSettingsStore"/> must do, run once per store: what /quota sets comes back for exactly its workspace, user and role.</summary>
public abstract class QuotaSettingsStoreContract : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    private static readonly WorkspaceKey Guild = new("discord", "G1");

    private readonly Lazy<IQuotaSettingsStore> _store;

    protected QuotaSettingsStoreContract() => _store = new(CreateStore, LazyThreadSafetyMode.ExecutionAndPublication);

    protected IQuotaSettingsStore Store => _store.Value;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract IQuotaSettingsStore CreateStore();

    protected virtual void Dispose(bool disposing)
    {
    }

    [Fact]
    public async Task Settings_SetThenGet_ComeBackForExactlyTheirKeys()
    {
        await Store.SetUserAsync(Guild, "U1", new QuotaOverride(DailyVideos: 30), CancellationToken.None);
        await Store.SetRoleAsync(Guild, "R1", new QuotaOverride(DailySeconds: 600), CancellationToken.None);
        await Store.SetRoleAsync(Guild, "R2", new QuotaOverride(MaxConcurrentJobs: 4), CancellationToken.None);
        await Store.SetWorkspaceAsync(Guild, new WorkspaceQuota(new QuotaOverride(5, 60, 1), 100, 2000), CancellationToken.None);
        await Store.SetUsageResetAsync(Guild, "U1", T0, CancellationToken.None);

        Assert.Equal(new QuotaOverride(DailyVideos: 30), await Store.GetUserAsync(Guild, "U1", CancellationToken.None));
        Assert.Equal([new QuotaOverride(MaxConcurrentJobs: 4), new QuotaOverride(DailySeconds: 600)], await Store.GetRolesAsync(Guild, ["R2", "R3", "R1"], CancellationToken.None));
        Assert.Equal(new WorkspaceQuota(new QuotaOverride(5, 60, 1), 100, 2000), await Store.GetWorkspaceAsync(Guild, CancellationToken.None));
        Assert.Equal(T0, await Store.GetUsageResetAsync(Guild, "U1", CancellationToken.None));
        Assert.Null(await Store.GetUserAsync(new WorkspaceKey("slack", "G1"), "U1", CancellationToken.None));
        Assert.Null(await Store.GetUserAsync(new WorkspaceKey("discord", "G2"), "U1", CancellationToken.None));
        Assert.Null(await Store.GetUserAsync(Guild, "U2", CancellationToken.None));
        Assert.Null(await Store.GetUsageResetAsync(Guild, "U2", CancellationToken.None));
        Assert.Null(await Store.GetWorkspaceAsync(new WorkspaceKey("slack", "G1"), CancellationToken.None));
        Assert.Empty(await Store.GetRolesAsync(Guild, [], CancellationToken.None));
        Assert.Empty(await Store.GetRolesAsync(new WorkspaceKey("slack", "G1"), ["R1"], CancellationToken.None));
    }

    [Fact]
    public async Task Settings_SetAgainOrRemove_KeepOnlyTheLatest()
    {
        await Store.SetUserAsync(Guild, "U1", new QuotaOverride(DailyVideos: 30), CancellationToken.None);
        await Store.SetUserAsync(Guild, "U1", new QuotaOverride(DailyVideos: 3, DailySeconds: 40), CancellationToken.None);
        await Store.SetRoleAsync(Guild, "R1", new QuotaOverride(DailySeconds: 600), CancellationToken.None);
        await Store.SetRoleAsync(Guild, "R1", null, CancellationToken.None);
        await Store.SetUsageResetAsync(Guild, "U1", T0, CancellationToken.None);
        await Store.SetUsageResetAsync(Guild, "U1", T0.AddHours(2).ToOffset(TimeSpan.FromHours(9)), CancellationToken.None);
        await Store.SetWorkspaceAsync(Guild, new WorkspaceQuota(new QuotaOverride(), 100), CancellationToken.None);
        await Store.SetWorkspaceAsync(Guild, new WorkspaceQuota(new QuotaOverride(1, 2, 3), null, 50), CancellationToken.None);

        Assert.Equal(new QuotaOverride(DailyVideos: 3, DailySeconds: 40), await Store.GetUserAsync(Guild, "U1", CancellationToken.None));
        Assert.Empty(await Store.GetRolesAsync(Guild, ["R1"], CancellationToken.None));
        Assert.Equal(T0.AddHours(2), await Store.GetUsageResetAsync(Guild, "U1", CancellationToken.None));
        Assert.Equal(new WorkspaceQuota(new QuotaOverride(1, 2, 3), null, 50), await Store.GetWorkspaceAsync(Guild, CancellationToken.None));

        await Store.SetUserAsync(Guild, "U1", null, CancellationToken.None);
        await Store.SetUserAsync(Guild, "never-set", null, CancellationToken.None);
        Assert.Null(await Store.GetUserAsync(Guild, "U1", CancellationToken.None));
    }

    [Fact]
    public async Task Settings_Budgets_ComeBackExactlyAndCanBeCleared()
    {
        // What /quota budget sets: money in decimals (cents kept exactly), beside the counted limits of the same record.
        var user = new QuotaOverride(DailyVideos: 5, DailyBudget: 2.50m, MonthlyBudget: 40.01m);
        var role = new QuotaOverride(MonthlyBudget: 999999.99m);
        var workspace = new WorkspaceQuota(new QuotaOverride(DailyBudget: 0.10m), 100, null, DailyBudget: 20m, MonthlyBudget: 0m);
        await Store.SetUserAsync(Guild, "U1", user, CancellationToken.None);
        await Store.SetRoleAsync(Guild, "R1", role, CancellationToken.None);
        await Store.SetWorkspaceAsync(Guild, workspace, CancellationToken.None);

        Assert.Equal(user, await Store.GetUserAsync(Guild, "U1", CancellationToken.None));
        Assert.Equal([role], await Store.GetRolesAsync(Guild, ["R1"], CancellationToken.None));
        Assert.Equal(workspace, await Store.GetWorkspaceAsync(Guild, CancellationToken.None));

        await Store.SetUserAsync(Guild, "U1", user with { DailyBudget = null }, CancellationToken.None);
        await Store.SetWorkspaceAsync(Guild, workspace with { MonthlyBudget = null }, CancellationToken.None);

        Assert.Equal(new QuotaOverride(DailyVideos: 5, MonthlyBudget: 40.01m), await Store.GetUserAsync(Guild, "U1", CancellationToken.None));
        Assert.Equal(workspace with { MonthlyBudget = null }, await Store.GetWorkspaceAsync(Guild, CancellationToken.None));
    }

    [Fact]
    public async Task Settings_NoBudget_ComesBackBesideTheOtherFields_AndAnAmountReplacesIt()
    {
        // "/quota budget ... none": no budget for this one, whatever the default; stored with the record, read back as set.
        var user = new QuotaOverride(DailyVideos: 5, MonthlyBudget: 40m, NoDailyBudget: true);
        var role = new QuotaOverride(NoDailyBudget: true, NoMonthlyBudget: true);
        var workspace = new WorkspaceQuota(new QuotaOverride(NoMonthlyBudget: true), 100, null, DailyBudget: 20m, NoMonthlyBudget: true);
        await Store.SetUserAsync(Guild, "U1", user, CancellationToken.None);
        await Store.SetRoleAsync(Guild, "R1", role, CancellationToken.None);
        await Store.SetWorkspaceAsync(Guild, workspace, CancellationToken.None);

        Assert.Equal(user, await Store.GetUserAsync(Guild, "U1", CancellationToken.None));
        Assert.Equal([role], await Store.GetRolesAsync(Guild, ["R1"], CancellationToken.None));
        Assert.Equal(workspace, await Store.GetWorkspaceAsync(Guild, CancellationToken.None));
        Assert.Equal(new QuotaLimits(5, 60, 1, null, 40m), (await Store.GetUserAsync(Guild, "U1", CancellationToken.None))!.Over(new QuotaLimits(5, 60, 1, 5m, 50m)));

        await Store.SetUserAsync(Guild, "U1", user with { DailyBudget = 2m, NoDailyBudget = false }, CancellationToken.None);
        await Store.SetWorkspaceAsync(Guild, workspace with { NoMonthlyBudget = false }, CancellationToken.None);

        Assert.Equal(new QuotaOverride(DailyVideos: 5, DailyBudget: 2m, MonthlyBudget: 40m), await Store.GetUserAsync(Guild, "U1", CancellationToken.None));
        Assert.Equal(workspace with { NoMonthlyBudget = false }, await Store.GetWorkspaceAsync(Guild, CancellationToken.None));
    }
}
