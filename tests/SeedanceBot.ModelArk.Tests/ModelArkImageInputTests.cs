using System.Text.Json.Nodes;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Images;

namespace SeedanceBot.ModelArk.Tests;

/// <summary>Input images over real HTTP to the fake ModelArk: each a data URL content item in its role.</summary>
public sealed class ModelArkImageInputTests : IAsyncLifetime
{
    private ArkHarness _harness = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await ArkHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private static VideoImage Image(ImageRole role, byte[] content, string type) => new() { Role = role, Content = content, ContentType = type };

    private JsonObject CreateBody => Assert.Single(_harness.ApiRequests, r => r.Method == "POST").Json!;

    [Fact]
    public async Task SubmitAsync_FirstAndLastFrame_SendsEachAsADataUrlInItsRoleWithAnAdaptiveRatio()
    {
        var first = TestImages.Png(640, 360);
        var last = TestImages.Jpeg(640, 360);
        var request = new VideoRequest
        {
            Prompt = "The fox turns its head",
            AspectRatio = AspectRatio.Portrait,
            DurationSeconds = 5,
            Seed = 1,
            Images = [Image(ImageRole.FirstFrame, first, "image/png"), Image(ImageRole.LastFrame, last, "image/jpeg")],
        };

        await _harness.Provider.SubmitAsync(request, "job-1", Token);

        var content = CreateBody["content"]!.AsArray();
        Assert.Equal(3, content.Count);
        Assert.Equal("text", (string)content[0]!["type"]!);
        Assert.Equal(["type", "image_url", "role"], content[1]!.AsObject().Select(p => p.Key));
        Assert.Equal(("image_url", TestImages.DataUrl(first), "first_frame"), ((string)content[1]!["type"]!, (string)content[1]!["image_url"]!["url"]!, (string)content[1]!["role"]!));
        Assert.Equal(("image_url", TestImages.DataUrl(last, "image/jpeg"), "last_frame"), ((string)content[2]!["type"]!, (string)content[2]!["image_url"]!["url"]!, (string)content[2]!["role"]!));
        Assert.Equal("adaptive", (string)CreateBody["ratio"]!);
        Assert.Single(_harness.Ark.Tasks);
    }

    [Fact]
    public async Task SubmitAsync_References_AreReferenceImagesAndKeepTheAskedRatio()
    {
        var webp = TestImages.Webp(400, 400);
        var request = new VideoRequest
        {
            Prompt = "This cat as a knight",
            AspectRatio = AspectRatio.Square,
            Seed = 1,
            Images = [Image(ImageRole.Reference, webp, "image/webp"), Image(ImageRole.Reference, TestImages.Png(), "image/png")],
        };

        await _harness.Provider.SubmitAsync(request, "job-1", Token);

        var images = CreateBody["content"]!.AsArray().Skip(1).ToList();
        Assert.Equal(["reference_image", "reference_image"], images.Select(i => (string)i!["role"]!));
        Assert.Equal(TestImages.DataUrl(webp, "image/webp"), (string)images[0]!["image_url"]!["url"]!);
        Assert.Equal("1:1", (string)CreateBody["ratio"]!);
    }

    [Fact]
    public void Capabilities_TakeModelArksThreeModesAndLimits()
    {
        var images = _harness.Provider.Capabilities.Images!;

        Assert.Equal(1, images.MaxPerRole[ImageRole.FirstFrame]);
        Assert.Equal(1, images.MaxPerRole[ImageRole.LastFrame]);
        Assert.Equal(9, images.MaxPerRole[ImageRole.Reference]);
        Assert.False(images.MixReferences);
        Assert.Equal((300, 6000, 0.4, 2.5, 30L * 1024 * 1024), (images.MinSide, images.MaxSide, images.MinAspect, images.MaxAspect, images.MaxBytes));
    }
}
