using System.Text.Json.Nodes;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Slack.Tests.Events;

/// <summary>The /video form over Socket Mode: its submission becomes typed options; refusals show in the form itself.</summary>
public sealed class ViewSubmissionsTests : SocketModeRequestTests
{
    [Fact]
    public async Task VideoWithoutText_OpensTheForm_AndItsSubmissionBecomesTypedOptions()
    {
        var command = Slack.NewSlashCommand("/video", "", channelId: "C0FORM", userId: Alice);

        var ack = await SendAsync("slash_commands", command);
        var view = Assert.Single(Slack.OpenedViews);
        var submitted = await SendAsync("interactive", Submission(view, new JsonObject
        {
            ["prompt"] = Text("a gull over the harbour"),
            ["aspect_ratio"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "9:16" } } },
            ["duration"] = Text("4"),
            ["camera"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "multi_static_select", ["selected_options"] = new JsonArray(new JsonObject { ["value"] = "zoom-in" }, new JsonObject { ["value"] = "pan-left" }) } },
        }));

        Assert.Null(ack["payload"]);
        Assert.Equal("sb_video", (string?)view["callback_id"]);
        Assert.Null(submitted["payload"]);
        var job = Assert.Single(Harness.Store.All);
        Assert.Equal("C0FORM", job.Origin.ChannelId);
        Assert.Equal("a gull over the harbour", job.Request.Prompt);
        Assert.Equal("9:16", job.Request.AspectRatio.ToRatioString());
        Assert.Equal(4, job.Seconds);
        Assert.Equal(new CameraMotion(ZoomDirection.In, PanDirection.Left), job.Request.Camera);
    }

    [Fact]
    public async Task FormWithBadValues_ShowsTheProblemInTheForm_AndMakesNoJob()
    {
        await SendAsync("slash_commands", Slack.NewSlashCommand("/video", "", userId: Alice));
        var view = Assert.Single(Slack.OpenedViews);

        var ack = await SendAsync("interactive", Submission(view, new JsonObject { ["prompt"] = Text("a fox"), ["duration"] = Text("forever") }));

        Assert.Equal("errors", (string?)ack["payload"]!["response_action"]);
        Assert.Contains("'forever' is not a number of seconds", (string?)ack["payload"]!["errors"]!["prompt"], StringComparison.Ordinal);
        Assert.Empty(Harness.Store.All);
    }

    [Fact]
    public async Task FormStoryboard_OneShotPerLine_BecomesScenes()
    {
        await SendAsync("slash_commands", Slack.NewSlashCommand("/video", "", userId: Alice));
        var view = Assert.Single(Slack.OpenedViews);

        await SendAsync("interactive", Submission(view, new JsonObject { ["scenes"] = Text("Wide shot of a harbour [4s]\nClose-up of a gull | taking off [3s]\n") }));

        var job = Assert.Single(Harness.Store.All);
        Assert.Equal(["Wide shot of a harbour", "Close-up of a gull / taking off"], job.Request.Scenes!.Select(s => s.Prompt));
        Assert.Equal(7, job.Seconds);
    }

    [Fact]
    public async Task FormSubmission_WithoutItsWorkspace_IsRefusedInTheForm_AndMakesNoJob()
    {
        await SendAsync("slash_commands", Slack.NewSlashCommand("/video", "", userId: Alice));
        var view = Assert.Single(Slack.OpenedViews);
        var submission = Submission(view, new JsonObject { ["prompt"] = Text("a fox") });
        submission.Remove("team");

        var ack = await SendAsync("interactive", submission);

        Assert.Equal("errors", (string?)ack["payload"]!["response_action"]);
        Assert.Empty(Harness.Store.All);
    }
}
