using System.Text.Json;
using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Tests;

/// <summary>Every command through the real host: the playground's HTTP API, the core, LiteDB, the client and the simulator.</summary>
public sealed class CommandsEndToEndTests
{
    [Fact]
    public async Task Help_DocumentsTheVideoSyntax()
    {
        await using var host = await BotHost.StartAsync();

        var reply = (await host.SendAsync("/help")).GetProperty("reply");

        Assert.True(reply.GetProperty("ephemeral").GetBoolean());
        Assert.Contains("--ar 16:9|9:16|1:1", Text(reply), StringComparison.Ordinal);
        Assert.Contains(" | ", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Styles_ListsTheApisStyles()
    {
        await using var host = await BotHost.StartAsync();

        var reply = (await host.SendAsync("/styles")).GetProperty("reply");

        Assert.Contains(reply.GetProperty("fields").EnumerateArray(), f => f.GetProperty("label").GetString() == "cyberpunk");
    }

    [Fact]
    public async Task Video_InvalidOptions_AreRefusedPrivatelyNamingWhatIsAllowed()
    {
        await using var host = await BotHost.StartAsync();

        var reply = (await host.SendAsync("/video a cat --ar 4:3 --style vaporwave")).GetProperty("reply");

        Assert.True(reply.GetProperty("ephemeral").GetBoolean());
        Assert.Equal("error", reply.GetProperty("tone").GetString());
        Assert.Contains("16:9, 9:16, 1:1", Text(reply), StringComparison.Ordinal);
        Assert.Contains("Unknown style 'vaporwave'", Text(reply), StringComparison.Ordinal);
        Assert.Empty(host.Simulator.Jobs);
    }

    [Fact]
    public async Task Storyboard_IsSubmittedAsScenes_AndStatusShowsTheFreshLink()
    {
        await using var host = await BotHost.StartAsync();

        var jobId = (await host.SendAsync("/video Wide shot of a harbour at dawn [4s] | Close-up of a gull taking off [3s] --style cinematic --seed 42")).GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered);
        var status = (await host.SendAsync("/status " + jobId)).GetProperty("reply");
        var list = (await host.SendAsync("/status")).GetProperty("reply");

        var sent = JsonDocument.Parse(Assert.Single(host.Simulator.Jobs).RequestJson).RootElement;
        Assert.Equal(2, sent.GetProperty("scenes").GetArrayLength());
        Assert.Equal(42, sent.GetProperty("seed").GetInt64());
        Assert.Contains("/media/", status.GetProperty("videoUrl").GetString(), StringComparison.Ordinal);
        Assert.Contains(list.GetProperty("fields").EnumerateArray(), f => f.GetProperty("label").GetString() == jobId);
    }

    [Fact]
    public async Task Balance_AdminSeesTheAccountCredit_MemberDoesNot()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string> { ["Playground:EveryoneIsAdmin"] = "false", ["Playground:AdminUserIds:0"] = "boss" });

        var member = (await host.SendAsync("/balance", user: "member")).GetProperty("reply");
        var admin = (await host.SendAsync("/balance", user: "boss")).GetProperty("reply");

        Assert.DoesNotContain(member.GetProperty("fields").EnumerateArray(), f => f.GetProperty("label").GetString() == "Account credit");
        Assert.Contains(admin.GetProperty("fields").EnumerateArray(), f => f.GetProperty("label").GetString() == "Account credit" && f.GetProperty("value").GetString() == "1000 credits");
    }

    [Fact]
    public async Task Quota_AdminSetsALimit_MemberIsRefusedAtIt_AndNonAdminsCannotChangeQuotas()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string> { ["Playground:EveryoneIsAdmin"] = "false", ["Playground:AdminUserIds:0"] = "boss" });

        var refused = (await host.SendAsync("/quota set member videos=1", user: "member")).GetProperty("reply");
        var set = (await host.SendAsync("/quota set member videos=1 concurrent=3", user: "boss")).GetProperty("reply");
        var first = await host.SendAsync("/video one --duration 2", user: "member");
        var second = (await host.SendAsync("/video two --duration 2", user: "member")).GetProperty("reply");
        var show = (await host.SendAsync("/quota show member", user: "boss")).GetProperty("reply");

        Assert.Contains("Only admins", Text(refused), StringComparison.Ordinal);
        Assert.Contains("1 videos/day", Text(set), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, first.GetProperty("jobId").ValueKind);
        Assert.Contains("1 of your 1 videos today", Text(second), StringComparison.Ordinal);
        Assert.Contains(show.GetProperty("fields").EnumerateArray(), f => f.GetProperty("value").GetString() == "1 of 1");
    }

    [Fact]
    public async Task Quota_ResetAndTop_Work()
    {
        await using var host = await BotHost.StartAsync();
        await host.SendAsync("/quota default videos=1");
        var jobId = (await host.SendAsync("/video a cat --duration 2")).GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered);

        var blocked = (await host.SendAsync("/video another cat --duration 2")).GetProperty("reply");
        await host.SendAsync("/quota reset you");
        var allowed = await host.SendAsync("/video another cat --duration 2");
        var top = (await host.SendAsync("/quota top")).GetProperty("reply");

        Assert.Contains("videos today", Text(blocked), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, allowed.GetProperty("jobId").ValueKind);
        Assert.Contains(top.GetProperty("fields").EnumerateArray(), f => f.GetProperty("label").GetString()!.Contains("you", StringComparison.Ordinal));
    }

    private static string Text(JsonElement message) => message.GetProperty("text").GetString()!;
}
