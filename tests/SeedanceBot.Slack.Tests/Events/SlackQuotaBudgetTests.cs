using SeedanceBot.Core.Quotas;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Slack.Tests.Events;

/// <summary><c>/quota budget</c> as Slack text over Socket Mode: a workspace admin sets a member's budget, which then binds that member's /video before any API call.</summary>
public sealed class SlackQuotaBudgetTests : SocketModeRequestTests
{
    [Fact]
    public async Task BudgetUser_SetByAnAdmin_RefusesTheMembersVideoOverItWithTheNumbers_BeforeAnyApiCall()
    {
        var set = await SendAsync("slash_commands", Slack.NewSlashCommand("/quota", $"budget user <@{Alice}|alice> daily 0.50", userId: Boss));

        Assert.Equal("ephemeral", (string?)set["payload"]!["response_type"]);
        Assert.Equal($"{Alice}'s daily budget is set to $0.50.", (string?)set["payload"]!["text"]);
        Assert.Equal(0.50m, (await Harness.Store.GetUserAsync(new WorkspaceKey("slack", FakeSlack.TeamId), Alice, CancellationToken.None))?.DailyBudget);

        var video = await SendAsync("slash_commands", Slack.NewSlashCommand("/video", "a fox in the snow --duration 5", userId: Alice));
        await Harness.Time.DriveAsync(Harness.RunJobsAsync(), Step);

        Assert.Equal("ephemeral", (string?)video["payload"]!["response_type"]);
        Assert.StartsWith("This video would cost about $0.75; your daily budget is $0.50 and $0.00 is spent or reserved today.", (string?)video["payload"]!["text"], StringComparison.Ordinal);
        Assert.Empty(Harness.Store.All);
        Assert.Equal(0, Harness.Provider.Submits);
    }

    [Fact]
    public async Task Budget_ForAMember_IsRefusedPrivately_AndABadAmountGetsAFriendlyError()
    {
        var member = await SendAsync("slash_commands", Slack.NewSlashCommand("/quota", "budget workspace daily 100", userId: Alice));
        var negative = await SendAsync("slash_commands", Slack.NewSlashCommand("/quota", "budget workspace daily -1", userId: Boss));

        Assert.Equal("ephemeral", (string?)member["payload"]!["response_type"]);
        Assert.Contains("Only admins", (string?)member["payload"]!["text"], StringComparison.Ordinal);
        Assert.Equal("ephemeral", (string?)negative["payload"]!["response_type"]);
        Assert.Contains("can't be negative", (string?)negative["payload"]!["text"], StringComparison.Ordinal);
        Assert.Null(await Harness.Store.GetWorkspaceAsync(new WorkspaceKey("slack", FakeSlack.TeamId), CancellationToken.None));
    }
}
