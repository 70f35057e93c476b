using System.Text.Json.Nodes;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Images;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Slack.Tests.Events;

/// <summary>The /video form's file inputs end to end: fetched with the bot token at once, typed into Core, refused in the form before any charge.</summary>
public sealed class SubmittedImagesTests : SocketModeRequestTests
{
    [Fact]
    public async Task Form_HasAFileInputPerRole_ForPngJpegAndWebp()
    {
        await SendAsync("slash_commands", Slack.NewSlashCommand("/video", "", userId: Alice));

        var blocks = Assert.Single(Slack.OpenedViews)["blocks"]!.AsArray();
        var inputs = blocks.Where(b => (string?)b!["element"]!["type"] == "file_input").ToList();
        Assert.Equal(["image", "last_frame", "reference"], inputs.Select(b => (string?)b!["block_id"]));
        Assert.All(inputs, b => Assert.Equal("""["png","jpg","jpeg","webp"]""", b!["element"]!["filetypes"]!.ToJsonString()));
        Assert.Equal([1, 1, 9], inputs.Select(b => (int)b!["element"]!["max_files"]!));
        Assert.Empty(Slack.Violations);
    }

    [Fact]
    public async Task Submission_WithAPng_ReachesTheApiAsFirstFrame_FetchedWithTheBotToken_AndIsDelivered()
    {
        Harness.Provider.Capabilities = Harness.Provider.Capabilities with { Images = ImageInputLimits.Seedance };
        var png = TestImages.Png(640, 360);
        var view = await OpenFormAsync();

        var ack = await SendAsync("interactive", Submission(view, new JsonObject
        {
            ["prompt"] = Text("the fox turns its head"),
            ["image"] = FakeSlack.FileInputValue(Slack.UserFile("fox.png", "image/png", png)),
        }));

        Assert.Null(ack["payload"]);
        Assert.Equal((1, 0), (Slack.FileDownloads, Slack.UnauthorizedFileDownloads));
        var job = Assert.Single(Harness.Store.All);
        var stored = Assert.Single(job.Request.Images!);
        Assert.Equal((ImageRole.FirstFrame, 640, 360, "image/png"), (stored.Role, stored.Width, stored.Height, stored.ContentType));
        await Harness.Time.DriveAsync(Harness.RunJobsAsync(), Step);
        Harness.Time.Advance(Harness.Provider.GenerationTime + TimeSpan.FromMinutes(5));
        await Harness.Time.DriveAsync(Harness.RunJobsAsync(), Step);
        Assert.Equal(Core.Jobs.DeliveryState.Delivered, Assert.Single(Harness.Store.All).Delivery);
        var sent = Assert.Single(Assert.Single(Harness.Provider.Requests).Images!);
        Assert.Equal(ImageRole.FirstFrame, sent.Role);
        Assert.Equal(png, sent.Content);
    }

    [Fact]
    public async Task Submission_WithATextFileNamedPng_IsRefusedInTheForm_BeforeAnyApiCall()
    {
        Harness.Provider.Capabilities = Harness.Provider.Capabilities with { Images = ImageInputLimits.Seedance };
        var view = await OpenFormAsync();

        var ack = await SendAsync("interactive", Submission(view, new JsonObject
        {
            ["prompt"] = Text("the fox turns its head"),
            ["image"] = FakeSlack.FileInputValue(Slack.UserFile("cat.png", "image/png", TestImages.TextNamedPng())),
        }));

        Assert.Equal("errors", (string?)ack["payload"]!["response_action"]);
        Assert.Contains("can't be used", (string?)ack["payload"]!["errors"]!["prompt"], StringComparison.Ordinal);
        Assert.Empty(Harness.Store.All);
        Assert.Equal(0, Harness.Provider.Submits);
    }

    [Fact]
    public async Task Submission_DeclaredOverTenMegabytes_IsRefusedWithoutDownloading()
    {
        Harness.Provider.Capabilities = Harness.Provider.Capabilities with { Images = ImageInputLimits.Seedance };
        var view = await OpenFormAsync();

        var ack = await SendAsync("interactive", Submission(view, new JsonObject
        {
            ["prompt"] = Text("a fox"),
            ["reference"] = FakeSlack.FileInputValue(Slack.UserFile("big.png", "image/png", TestImages.Png(), declaredSize: 11L * 1024 * 1024)),
        }));

        Assert.Contains("reference image (big.png) is larger than 10 MB", (string?)ack["payload"]!["errors"]!["prompt"], StringComparison.Ordinal);
        Assert.Equal(0, Slack.FileDownloads + Slack.UnauthorizedFileDownloads);
        Assert.Empty(Harness.Store.All);
    }

    [Theory]
    [InlineData("https://evil.example/files-pri/T0001-F1/download/fox.png")]
    [InlineData("http://files.slack.com/files-pri/T0001-F1/download/fox.png")]
    public async Task Submission_FileOffSlacksServers_IsRefused_AndTheTokenNeverLeaves(string url)
    {
        Harness.Provider.Capabilities = Harness.Provider.Capabilities with { Images = ImageInputLimits.Seedance };
        var view = await OpenFormAsync();
        var file = Slack.UserFile("fox.png", "image/png", TestImages.Png());
        file["url_private_download"] = url;

        var ack = await SendAsync("interactive", Submission(view, new JsonObject { ["prompt"] = Text("a fox"), ["image"] = FakeSlack.FileInputValue(file) }));

        Assert.Contains("first frame (fox.png) is not on Slack's file servers", (string?)ack["payload"]!["errors"]!["prompt"], StringComparison.Ordinal);
        Assert.Empty(Harness.Store.All);
    }

    private async Task<JsonObject> OpenFormAsync()
    {
        await SendAsync("slash_commands", Slack.NewSlashCommand("/video", "", userId: Alice));
        return Assert.Single(Slack.OpenedViews);
    }
}
