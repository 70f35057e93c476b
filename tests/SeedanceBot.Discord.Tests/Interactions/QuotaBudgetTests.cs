using System.Text.Json.Nodes;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Discord.Tests.Interactions;

/// <summary>
/// <c>/quota budget</c> on Discord, signed over HTTP: the subcommand group's typed options (a NUMBER amount, a period
/// choice) reach Core as values, the budget is stored, and then binds the member's next /video before any API call.
/// </summary>
public sealed class QuotaBudgetTests : SignedInteractionTests
{
    private const string Admin = "1100000000000000999";

    [Fact]
    public async Task BudgetUser_SetByAnAdmin_RefusesTheMembersVideoOverItWithTheNumbers_BeforeAnyApiCall()
    {
        var set = await SendAsync(Discord.NewInteraction(2, Budget("user", Option("user", 6, Alice), Option("period", 3, "daily"), Option("amount", 10, 0.5)), userId: Admin, permissions: "32"));

        Assert.Equal(4, (int?)set["type"]);
        Assert.Equal(64, (int?)set["data"]!["flags"]);
        Assert.Equal($"{Alice}'s daily budget is set to $0.50.", (string?)set["data"]!["content"]);
        Assert.Equal(0.5m, (await Harness.Store.GetUserAsync(new WorkspaceKey("discord", Guild), Alice, CancellationToken.None))?.DailyBudget);

        var video = await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox in the snow"), Option("duration", 4, 5))));
        await Harness.RunJobsAsync();

        Assert.Equal(64, (int?)video["data"]!["flags"]);
        Assert.StartsWith("This video would cost about $0.75; your daily budget is $0.50 and $0.00 is spent or reserved today.", (string?)video["data"]!["content"], StringComparison.Ordinal);
        Assert.Empty(Harness.Store.All);
        Assert.Equal(0, Harness.Provider.Submits);
    }

    [Fact]
    public async Task BudgetWorkspace_ClearAndAnAmount_RefusedAsBoth_ThenClearedTypedFlag()
    {
        var workspace = new WorkspaceKey("discord", Guild);
        await SendAsync(Discord.NewInteraction(2, Budget("workspace", Option("period", 3, "monthly"), Option("amount", 10, 40)), userId: Admin, permissions: "32"));
        var both = await SendAsync(Discord.NewInteraction(2, Budget("workspace", Option("period", 3, "monthly"), Option("amount", 10, 1), Option("clear", 5, true)), userId: Admin, permissions: "32"));
        var stored = (await Harness.Store.GetWorkspaceAsync(workspace, CancellationToken.None))?.MonthlyBudget;
        await SendAsync(Discord.NewInteraction(2, Budget("workspace", Option("period", 3, "monthly"), Option("clear", 5, true)), userId: Admin, permissions: "32"));

        Assert.Contains("Either clear the budget or set an amount", (string?)both["data"]!["content"], StringComparison.Ordinal);
        Assert.Equal(40m, stored);
        Assert.Null((await Harness.Store.GetWorkspaceAsync(workspace, CancellationToken.None))?.MonthlyBudget);
    }

    [Fact]
    public async Task BudgetUser_NoneTypedFlag_StoredAsNoBudget_RefusedBesideClear()
    {
        var both = await SendAsync(Discord.NewInteraction(2, Budget("user", Option("user", 6, Alice), Option("period", 3, "daily"), Option("none", 5, true), Option("clear", 5, true)), userId: Admin, permissions: "32"));
        var none = await SendAsync(Discord.NewInteraction(2, Budget("user", Option("user", 6, Alice), Option("period", 3, "daily"), Option("none", 5, true)), userId: Admin, permissions: "32"));

        Assert.Contains("Either clear the budget (back to the default) or set none", (string?)both["data"]!["content"], StringComparison.Ordinal);
        Assert.Equal(64, (int?)none["data"]!["flags"]);
        Assert.Equal($"{Alice}'s daily budget is none: no budget applies (not their roles' nor the default).", (string?)none["data"]!["content"]);
        Assert.Equal(new QuotaOverride(NoDailyBudget: true), await Harness.Store.GetUserAsync(new WorkspaceKey("discord", Guild), Alice, CancellationToken.None));
    }

    [Fact]
    public async Task BudgetRole_NonAdmin_IsRefusedPrivately_AndNothingIsStored()
    {
        var refused = await SendAsync(Discord.NewInteraction(2, Budget("role", Option("role", 8, "1200000000000000444"), Option("period", 3, "daily"), Option("amount", 10, 100)), permissions: "2048"));

        Assert.Equal(64, (int?)refused["data"]!["flags"]);
        Assert.Contains("Only admins", (string?)refused["data"]!["content"], StringComparison.Ordinal);
        Assert.Empty(await Harness.Store.GetRolesAsync(new WorkspaceKey("discord", Guild), ["1200000000000000444"], CancellationToken.None));
    }

    [Fact]
    public void Definitions_QuotaBudget_IsAGroupWithTypedOptions()
    {
        var quota = SeedanceBot.Discord.Interactions.DiscordCommands.Definitions().Single(c => (string?)c!["name"] == "quota")!;
        var group = quota["options"]!.AsArray().Single(o => (string?)o!["name"] == "budget")!;
        var user = group["options"]!.AsArray().Single(o => (string?)o!["name"] == "user")!;

        Assert.Equal(2, (int?)group["type"]);
        Assert.Equal(["user", "role", "workspace"], group["options"]!.AsArray().Select(o => (string?)o!["name"]));
        Assert.Equal(
            """[{"type":6,"name":"user","description":"Member","required":true},{"type":3,"name":"period","description":"Per quota day or per calendar month","required":true,"choices":[{"name":"daily","value":"daily"},{"name":"monthly","value":"monthly"}]},{"type":10,"name":"amount","description":"The budget, e.g. 2.50 (0 allows no spending)","min_value":0,"max_value":1000000},{"type":5,"name":"none","description":"No budget at all for this member this period (not the default\u0027s)"},{"type":5,"name":"clear","description":"Remove the member\u0027s budget for this period"}]""",
            user["options"]!.ToJsonString());
    }

    private static JsonObject Budget(string scope, params JsonObject[] options) => new()
    {
        ["name"] = "quota",
        ["type"] = 1,
        ["options"] = new JsonArray(new JsonObject
        {
            ["name"] = "budget",
            ["type"] = 2,
            ["options"] = new JsonArray(new JsonObject { ["name"] = scope, ["type"] = 1, ["options"] = new JsonArray([.. options]) }),
        }),
    };
}
