using System.Text.Json.Nodes;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Images;

namespace SeedanceBot.Discord.Tests.Interactions;

/// <summary>/video with attached images end to end: fetched from the (fake) CDN at once, typed into Core, refused before any charge.</summary>
public sealed class AttachedImagesTests : SignedInteractionTests
{
    [Fact]
    public async Task Video_AttachedPng_ReachesTheApiAsFirstFrame_AndTheVideoIsDelivered()
    {
        Harness.Provider.Capabilities = Harness.Provider.Capabilities with { Images = ImageInputLimits.Seedance };
        var png = TestImages.Png(640, 360);
        var file = Discord.Attachment("fox.png", "image/png", png);

        var answer = await SendAsync(Discord.NewInteraction(2, Video(file, "image")));

        Assert.Equal("""{"type":5}""", answer.ToJsonString());
        Assert.Equal(1, Discord.FileDownloads);
        var job = Assert.Single(Harness.Store.All);
        var stored = Assert.Single(job.Request.Images!);
        Assert.Equal(ImageRole.FirstFrame, stored.Role);
        Assert.Equal((640, 360, "image/png"), (stored.Width, stored.Height, stored.ContentType));
        await DeliverAllAsync();
        var sent = Assert.Single(Assert.Single(Harness.Provider.Requests).Images!);
        Assert.Equal(ImageRole.FirstFrame, sent.Role);
        Assert.Equal(png, sent.Content);
    }

    [Fact]
    public async Task Video_TextFileNamedPng_IsRefusedPrivately_BeforeAnyApiCall()
    {
        Harness.Provider.Capabilities = Harness.Provider.Capabilities with { Images = ImageInputLimits.Seedance };
        var file = Discord.Attachment("cat.png", "image/png", TestImages.TextNamedPng());

        var answer = await SendAsync(Discord.NewInteraction(2, Video(file, "image")));

        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.Contains("can't be used", (string?)answer["data"]!["content"], StringComparison.Ordinal);
        Assert.Empty(Harness.Store.All);
        Assert.Equal(0, Harness.Provider.Submits);
    }

    [Fact]
    public async Task Video_DeclaredLargerThanTheLimit_IsRefusedWithoutDownloading()
    {
        Harness.Provider.Capabilities = Harness.Provider.Capabilities with { Images = ImageInputLimits.Seedance };
        var file = Discord.Attachment("huge.png", "image/png", TestImages.Png(), declaredSize: 31L * 1024 * 1024);

        var answer = await SendAsync(Discord.NewInteraction(2, Video(file, "image")));

        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.Contains("first frame (huge.png) is larger than 30 MB", (string?)answer["data"]!["content"], StringComparison.Ordinal);
        Assert.Equal(0, Discord.FileDownloads);
        Assert.Empty(Harness.Store.All);
    }

    [Theory]
    [InlineData("https://evil.example/attachments/1/2/fox.png?ex=1&is=1&hm=1")]
    [InlineData("http://cdn.discordapp.com/attachments/1/2/fox.png?ex=1&is=1&hm=1")]
    [InlineData("file:///etc/passwd")]
    public async Task Video_AttachmentOffDiscordsCdn_IsRefusedWithoutFetching(string url)
    {
        Harness.Provider.Capabilities = Harness.Provider.Capabilities with { Images = ImageInputLimits.Seedance };
        var file = Discord.Attachment("fox.png", "image/png", TestImages.Png());
        file["url"] = url;

        var answer = await SendAsync(Discord.NewInteraction(2, Video(file, "last_frame")));

        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.Contains("last frame (fox.png) is not on Discord's file servers", (string?)answer["data"]!["content"], StringComparison.Ordinal);
        Assert.Empty(Harness.Store.All);
    }

    [Fact]
    public async Task Video_ExpiredCdnLink_IsRefusedPrivately_AndNothingIsCharged()
    {
        Harness.Provider.Capabilities = Harness.Provider.Capabilities with { Images = ImageInputLimits.Seedance };
        var file = Discord.Attachment("fox.png", "image/png", TestImages.Png());
        file["url"] = ((string)file["url"]!).Split('?')[0];

        var answer = await SendAsync(Discord.NewInteraction(2, Video(file, "reference")));

        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.Contains("reference image (fox.png) could not be downloaded (HTTP 404)", (string?)answer["data"]!["content"], StringComparison.Ordinal);
        Assert.Empty(Harness.Store.All);
    }

    [Fact]
    public async Task Video_ProviderWithoutImages_RefusesTheAttachment()
    {
        var file = Discord.Attachment("fox.png", "image/png", TestImages.Png());

        var answer = await SendAsync(Discord.NewInteraction(2, Video(file, "image")));

        Assert.Contains("from text only", (string?)answer["data"]!["content"], StringComparison.Ordinal);
        Assert.Empty(Harness.Store.All);
    }

    private static JsonObject Video(JsonObject file, string option) =>
        FakeDiscord.WithAttachments(Command("video", Option("prompt", 3, "the fox turns its head"), Option(option, 11, (string)file["id"]!)), file);
}
