using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Core.Tests.Commands;

/// <summary><c>/quota budget</c> in Core: what an admin sets is stored where the quota service reads it and then binds.</summary>
public sealed class QuotaBudgetCommandTests
{
    private static readonly WorkspaceKey Workspace = new("test", "W1");

    [Fact]
    public async Task Budget_UserDaily_StoredAndBindsTheUsersNextVideo()
    {
        using var h = new CoreHarness();

        var set = await h.SendAsync("quota", "budget user <@U1> daily 1.00", user: "A1", admin: true);
        var first = await h.SendAsync("video", "a fox --duration 5");
        var second = await h.SendAsync("video", "a fox --duration 3");
        var other = await h.SendAsync("video", "a fox --duration 10", user: "U2");

        Assert.Equal("U1's daily budget is set to $1.00.", set.Message!.Text);
        Assert.True(set.Message.Ephemeral);
        Assert.Equal(new QuotaOverride(DailyBudget: 1.00m), await h.Store.GetUserAsync(Workspace, "U1", CancellationToken.None));
        Assert.NotNull(first.JobId);
        Assert.Null(second.JobId);
        Assert.StartsWith("This video would cost about $0.45; your daily budget is $1.00 and $0.75 is spent or reserved today.", second.Message!.Text, StringComparison.Ordinal);
        Assert.NotNull(other.JobId);
    }

    [Fact]
    public async Task Budget_Member_RefusedPrivatelyAndNothingStored()
    {
        using var h = new CoreHarness();

        var reply = await h.SendAsync("quota", "budget user <@U1> daily 100", user: "U1");

        Assert.True(reply.Message!.Ephemeral);
        Assert.StartsWith("Only admins", reply.Message.Text, StringComparison.Ordinal);
        Assert.Null(await h.Store.GetUserAsync(Workspace, "U1", CancellationToken.None));
    }

    [Fact]
    public async Task Budget_BadAmount_FriendlyPrivateError()
    {
        using var h = new CoreHarness();

        var reply = await h.SendAsync("quota", "budget workspace daily abc", user: "A1", admin: true);

        Assert.True(reply.Message!.Ephemeral);
        Assert.Contains("'abc' is not an amount", reply.Message.Text, StringComparison.Ordinal);
        Assert.Null(await h.Store.GetWorkspaceAsync(Workspace, CancellationToken.None));
    }

    [Fact]
    public async Task Budget_SetThenOtherLimits_KeepEachOther()
    {
        using var h = new CoreHarness();

        await h.SendAsync("quota", "set U1 videos=5", user: "A1", admin: true);
        await h.SendAsync("quota", "budget user U1 monthly 40", user: "A1", admin: true);
        await h.SendAsync("quota", "set U1 seconds=60", user: "A1", admin: true);
        await h.SendAsync("quota", "budget workspace daily 20", user: "A1", admin: true);
        await h.SendAsync("quota", "default videos=3 cap-videos=100", user: "A1", admin: true);
        await h.SendAsync("quota", "budget role R1 daily 2", user: "A1", admin: true);
        await h.SendAsync("quota", "role R1 videos=7", user: "A1", admin: true);

        Assert.Equal(new QuotaOverride(DailyVideos: 5, DailySeconds: 60, MonthlyBudget: 40m), await h.Store.GetUserAsync(Workspace, "U1", CancellationToken.None));
        Assert.Equal(new WorkspaceQuota(new QuotaOverride(DailyVideos: 3), 100, null, DailyBudget: 20m), await h.Store.GetWorkspaceAsync(Workspace, CancellationToken.None));
        Assert.Equal([new QuotaOverride(DailyVideos: 7, DailyBudget: 2m)], await h.Store.GetRolesAsync(Workspace, ["R1"], CancellationToken.None));
    }

    [Fact]
    public async Task Budget_Clear_FallsBackAndRemovesAnEmptyOverride()
    {
        using var h = new CoreHarness(new() { ["Quotas:DailyBudget"] = "5" });
        await h.SendAsync("quota", "budget user U1 daily 1", user: "A1", admin: true);
        await h.SendAsync("quota", "budget workspace monthly 50", user: "A1", admin: true);

        var cleared = await h.SendAsync("quota", "budget user U1 daily clear", user: "A1", admin: true);
        await h.SendAsync("quota", "budget workspace monthly clear", user: "A1", admin: true);
        var show = (await h.SendAsync("quota", "show U1", user: "A1", admin: true)).Message!;

        Assert.StartsWith("U1's daily budget is cleared", cleared.Message!.Text, StringComparison.Ordinal);
        Assert.Null(await h.Store.GetUserAsync(Workspace, "U1", CancellationToken.None));
        Assert.Null((await h.Store.GetWorkspaceAsync(Workspace, CancellationToken.None))!.MonthlyBudget);
        Assert.Contains(show.Fields, f => f.Label == "Spent today" && f.Value == "$0.00 of $5.00");
        Assert.Contains(show.Fields, f => f.Label == "Workspace spent this month" && f.Value == "$0.00 of no budget");
    }

    [Fact]
    public async Task Show_AfterBudgetsAndAVideo_ShowsSpendAgainstEachBudget()
    {
        using var h = new CoreHarness();
        await h.SendAsync("quota", "budget user U1 daily 2.50", user: "A1", admin: true);
        await h.SendAsync("quota", "budget workspace monthly 100", user: "A1", admin: true);
        await h.SendAsync("video", "a fox --duration 5");

        var show = (await h.SendAsync("quota", "show <@U1>", user: "A1", admin: true)).Message!;

        Assert.Contains(show.Fields, f => f.Label == "Spent today" && f.Value == "$0.75 of $2.50");
        Assert.Contains(show.Fields, f => f.Label == "Spent this month" && f.Value == "$0.75 of no budget");
        Assert.Contains(show.Fields, f => f.Label == "Workspace spent today" && f.Value == "$0.75 of no budget");
        Assert.Contains(show.Fields, f => f.Label == "Workspace spent this month" && f.Value == "$0.75 of $100.00");
    }

    [Fact]
    public async Task Budget_Role_IsATierForItsMembers()
    {
        using var h = new CoreHarness();
        await h.SendAsync("quota", "budget role <@&R1> daily 0.50", user: "A1", admin: true);

        var member = await h.SendAsync("video", "a fox --duration 5", roles: ["R1"]);
        var outsider = await h.SendAsync("video", "a fox --duration 5", user: "U2");

        Assert.Null(member.JobId);
        Assert.Contains("your daily budget is $0.50", member.Message!.Text, StringComparison.Ordinal);
        Assert.NotNull(outsider.JobId);
    }

    [Fact]
    public async Task Budget_UserNoneOverADefault_NoBudgetUntilCleared_ShownAsNoBudget()
    {
        using var h = new CoreHarness(new() { ["Quotas:DailyBudget"] = "0.50" });

        var none = await h.SendAsync("quota", "budget user <@U1> daily none", user: "A1", admin: true);
        await h.SendAsync("quota", "set U1 videos=5", user: "A1", admin: true);
        var free = await h.SendAsync("video", "a fox --duration 5");
        var other = await h.SendAsync("video", "a fox --duration 5", user: "U2");
        var show = (await h.SendAsync("quota", "show U1", user: "A1", admin: true)).Message!;
        var balance = (await h.SendAsync("balance", string.Empty)).Message!;
        var stored = await h.Store.GetUserAsync(Workspace, "U1", CancellationToken.None);
        await h.SendAsync("quota", "budget user U1 daily clear", user: "A1", admin: true);
        var bound = await h.SendAsync("video", "a fox --duration 5");

        Assert.Equal("U1's daily budget is none: no budget applies (not their roles' nor the default).", none.Message!.Text);
        Assert.Equal(new QuotaOverride(DailyVideos: 5, NoDailyBudget: true), stored);
        Assert.NotNull(free.JobId);
        Assert.Null(other.JobId);
        Assert.Contains(show.Fields, f => f.Label == "Spent today" && f.Value == "$0.75 of no budget");
        Assert.Contains(balance.Fields, f => f.Label == "Spent today" && f.Value == "$0.75 of no budget");
        Assert.Null(bound.JobId);
        Assert.Contains("your daily budget is $0.50", bound.Message!.Text, StringComparison.Ordinal);
        Assert.Equal(new QuotaOverride(DailyVideos: 5), await h.Store.GetUserAsync(Workspace, "U1", CancellationToken.None));
    }

    [Fact]
    public async Task Budget_RoleNoneAndWorkspaceNone_NoBudgetForTheRolesMembersAndTheWorkspace()
    {
        using var h = new CoreHarness(new() { ["Quotas:DailyBudget"] = "0.50", ["Quotas:WorkspaceMonthlyBudget"] = "1" });

        var role = await h.SendAsync("quota", "budget role <@&R1> daily none", user: "A1", admin: true);
        var workspace = await h.SendAsync("quota", "budget workspace monthly none", user: "A1", admin: true);
        var first = await h.SendAsync("video", "a fox --duration 5", roles: ["R1"]);
        var second = await h.SendAsync("video", "a fox --duration 5", roles: ["R1"]);
        var outsider = await h.SendAsync("video", "a fox --duration 5", user: "U2");

        Assert.Equal("Role R1's daily budget is none: no budget applies. Members get the most generous of their roles (no budget is the most generous).", role.Message!.Text);
        Assert.Equal("The workspace's monthly budget is none: no budget applies.", workspace.Message!.Text);
        Assert.Equal([new QuotaOverride(NoDailyBudget: true)], await h.Store.GetRolesAsync(Workspace, ["R1"], CancellationToken.None));
        Assert.Equal(new WorkspaceQuota(new QuotaOverride(), NoMonthlyBudget: true), await h.Store.GetWorkspaceAsync(Workspace, CancellationToken.None));
        Assert.NotNull(first.JobId);
        Assert.NotNull(second.JobId);
        Assert.Null(outsider.JobId);
        Assert.Contains("your daily budget is $0.50", outsider.Message!.Text, StringComparison.Ordinal);
    }
}
