using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Testing.Fakes;

namespace SeedanceBot.Core.Tests.Quotas;

/// <summary>
/// Which limits apply to whom: a user's override beats the most generous of their roles, which beats the workspace
/// default, which beats the global default; exempt admins get no user limits but keep the workspace caps.
/// </summary>
public sealed class QuotaServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 29, 12, 0, 0, TimeSpan.Zero);

    private static readonly WorkspaceKey Workspace = new("discord", "G1");

    private static readonly ChatOrigin Origin = new("discord", "G1", "C1");

    public static TheoryData<string, string[], QuotaLimits> Tiers => new()
    {
        // case, the member's roles, the limits that apply (defaults 10/120/2; workspace default videos 6;
        // role "silver" 20 videos, role "gold" 300 s and 4 at once, role "none" sets nothing; U-own overrides videos to 1)
        { "no roles: workspace default over global", [], new QuotaLimits(6, 120, 2) },
        { "one role", ["silver"], new QuotaLimits(20, 120, 2) },
        { "best of two roles, field by field", ["silver", "gold"], new QuotaLimits(20, 300, 4) },
        { "a role without settings changes nothing", ["none"], new QuotaLimits(6, 120, 2) },
        { "unknown role ignored", ["nobody-set-this"], new QuotaLimits(6, 120, 2) },
    };

    [Theory]
    [MemberData(nameof(Tiers))]
    public async Task Resolve_RolesAndDefaults_MostGenerousRoleOverWorkspaceOverGlobal(string name, string[] roles, QuotaLimits expected)
    {
        var (service, _) = await ServiceAsync();

        var check = await service.ResolveAsync(Origin, new ChatUser("U1", RoleIds: roles), CancellationToken.None);

        Assert.True(expected == check.User, $"{name}: {check.User}");
    }

    [Fact]
    public async Task Resolve_UserOverride_BeatsRolesFieldByField()
    {
        var (service, store) = await ServiceAsync();
        await store.SetUserAsync(Workspace, "U1", new QuotaOverride(DailyVideos: 1), CancellationToken.None);

        var check = await service.ResolveAsync(Origin, new ChatUser("U1", RoleIds: ["silver", "gold"]), CancellationToken.None);

        Assert.Equal(new QuotaLimits(1, 300, 4), check.User);
    }

    [Theory]
    [InlineData(true, false, "A1", true)]
    [InlineData(true, true, "U1", true)]
    [InlineData(false, true, "A1", false)]
    [InlineData(true, false, "U1", false)]
    public async Task Resolve_Admin_IsExemptOnlyWhenConfigured(bool exemptAdmins, bool platformAdmin, string userId, bool exempt)
    {
        var (service, _) = await ServiceAsync(exemptAdmins);

        var check = await service.ResolveAsync(Origin, new ChatUser(userId, IsPlatformAdmin: platformAdmin), CancellationToken.None);

        Assert.Equal(exempt, check.User is null);
        Assert.Equal((50, 500), (check.WorkspaceDailyVideos, check.WorkspaceDailySeconds));
    }

    [Fact]
    public async Task Resolve_WorkspaceCaps_SettingsBeatOptionsAndOtherWorkspacesUseOptions()
    {
        var (service, _) = await ServiceAsync();

        var here = await service.ResolveAsync(Origin, new ChatUser("U1"), CancellationToken.None);
        var elsewhere = await service.ResolveAsync(Origin with { WorkspaceId = "G2" }, new ChatUser("U1"), CancellationToken.None);

        Assert.Equal((50, 500), (here.WorkspaceDailyVideos, here.WorkspaceDailySeconds));
        Assert.Equal((100, (int?)null), (elsewhere.WorkspaceDailyVideos, elsewhere.WorkspaceDailySeconds));
        Assert.Equal(new QuotaLimits(10, 120, 2), elsewhere.User);
    }

    [Fact]
    public async Task Resolve_DayInZoneAndReset_SinceIsTheLaterOfMidnightAndTheReset()
    {
        var (service, store) = await ServiceAsync();
        var midnight = new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero);
        await store.SetUsageResetAsync(Workspace, "U1", midnight.AddHours(5), CancellationToken.None);
        await store.SetUsageResetAsync(Workspace, "U2", midnight.AddHours(-5), CancellationToken.None);

        var reset = await service.ResolveAsync(Origin, new ChatUser("U1"), CancellationToken.None);
        var oldReset = await service.ResolveAsync(Origin, new ChatUser("U2"), CancellationToken.None);

        Assert.Equal((midnight.AddHours(5), midnight), (reset.Since, reset.WorkspaceSince));
        Assert.Equal((midnight, midnight), (oldReset.Since, oldReset.WorkspaceSince));
    }

    private static async Task<(QuotaService Service, InMemoryJobStore Store)> ServiceAsync(bool exemptAdmins = true)
    {
        var store = new InMemoryJobStore();
        await store.SetWorkspaceAsync(Workspace, new WorkspaceQuota(new QuotaOverride(DailyVideos: 6), DailyVideosCap: 50, DailySecondsCap: 500), CancellationToken.None);
        await store.SetRoleAsync(Workspace, "silver", new QuotaOverride(DailyVideos: 20), CancellationToken.None);
        await store.SetRoleAsync(Workspace, "gold", new QuotaOverride(DailySeconds: 300, MaxConcurrentJobs: 4), CancellationToken.None);
        await store.SetRoleAsync(Workspace, "none", new QuotaOverride(), CancellationToken.None);
        var options = Options.Create(new QuotaOptions { ExemptAdmins = exemptAdmins, TimeZone = "Europe/Berlin", WorkspaceDailyVideos = 100 });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["discord:AdminUserIds"] = "A1" }).Build();
        var clock = new QuotaClock(new FakeTimeProvider(Now), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        return (new QuotaService(store, options, new AdminPolicy(configuration), clock), store);
    }
}
