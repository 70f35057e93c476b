using SeedanceBot.Core.Media;
using SeedanceBot.Core.Video;
using SeedanceBot.Images;
using SeedanceBot.Testing.Images;

namespace SeedanceBot.Core.Tests.Media;

/// <summary>Core's checks of input images (roles, counts, then each file from its bytes) against ModelArk's limits.</summary>
public sealed class ImageChecksTests
{
    private static readonly IImageInspector Inspector = ImagesExtensions.CreateInspector();

    private static VideoImage Image(ImageRole role, byte[] content, string? name = null) => new() { Role = role, Content = content, FileName = name };

    public static TheoryData<string, string?> Cases() => new()
    {
        { "png first frame", null },
        { "jpeg first + webp last", null },
        { "9 references", null },
        { "299 px", "each side must be 300-6000 px" },
        { "60,000 px header", "can't be used|each side must be 300-6000 px" },
        { "decompression bomb", "can't be used|each side must be 300-6000 px" },
        { "too wide", "between 0.4 and 2.5" },
        { "too tall", "between 0.4 and 2.5" },
        { "text named .png", "can't be used: it is not an image" },
        { "gif", "it is a GIF image" },
        { "truncated png", "cut short" },
        { "empty", "is empty" },
        { "two first frames", "You gave 2 first frames; this video API takes at most 1." },
        { "last frame alone", "A last frame needs a first frame too" },
        { "frames and references", "can't be combined with a first or last frame" },
        { "10 references", "You gave 10 reference images; this video API takes at most 9." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_SeedanceLimits_RefusesWhatBreaksThemAndSaysWhy(string kind, string? refusal)
    {
        IReadOnlyList<VideoImage> images = kind switch
        {
            "png first frame" => [Image(ImageRole.FirstFrame, TestImages.Png())],
            "jpeg first + webp last" => [Image(ImageRole.FirstFrame, TestImages.Jpeg(640, 360)), Image(ImageRole.LastFrame, TestImages.Webp(640, 360))],
            "9 references" => [.. Enumerable.Range(0, 9).Select(_ => Image(ImageRole.Reference, TestImages.Png()))],
            "299 px" => [Image(ImageRole.FirstFrame, TestImages.Png(299, 400))],
            "60,000 px header" => [Image(ImageRole.FirstFrame, TestImages.PngHeader(60_000, 30_000))],
            "decompression bomb" => [Image(ImageRole.FirstFrame, TestImages.DecompressionBomb())],
            "too wide" => [Image(ImageRole.FirstFrame, TestImages.Png(1000, 390))],
            "too tall" => [Image(ImageRole.FirstFrame, TestImages.Png(300, 760))],
            "text named .png" => [Image(ImageRole.FirstFrame, TestImages.TextNamedPng(), "cat.png")],
            "gif" => [Image(ImageRole.FirstFrame, TestImages.Gif())],
            "truncated png" => [Image(ImageRole.FirstFrame, TestImages.CutShort(TestImages.Png()))],
            "empty" => [Image(ImageRole.FirstFrame, [])],
            "two first frames" => [Image(ImageRole.FirstFrame, TestImages.Png()), Image(ImageRole.FirstFrame, TestImages.Png())],
            "last frame alone" => [Image(ImageRole.LastFrame, TestImages.Png())],
            "frames and references" => [Image(ImageRole.FirstFrame, TestImages.Png()), Image(ImageRole.Reference, TestImages.Png())],
            _ => [.. Enumerable.Range(0, 10).Select(_ => Image(ImageRole.Reference, TestImages.Png()))],
        };

        var (read, errors) = ImageChecks.Check(images, ImageInputLimits.Seedance, Inspector);

        if (refusal is null)
        {
            Assert.Empty(errors);
            Assert.All(read, i => Assert.True(i.ContentType is ImageHeader.Png or ImageHeader.Jpeg or ImageHeader.Webp && i.Width >= 300));
        }
        else
        {
            var error = Assert.Single(errors);
            Assert.Contains(refusal.Split('|'), r => error.Message.Contains(r, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Check_LargerThanTheProvidersLimit_IsRefusedBeforeItIsRead()
    {
        var inspector = new CountingInspector();
        var limits = ImageInputLimits.Seedance with { MaxBytes = 1024 * 1024 };

        var (_, errors) = ImageChecks.Check([Image(ImageRole.FirstFrame, new byte[(1024 * 1024) + 1])], limits, inspector);

        Assert.Equal("The first frame is 1 MB; an image may be at most 1 MB.", Assert.Single(errors).Message);
        Assert.Equal(0, inspector.Calls);
    }

    [Fact]
    public void Check_ProviderTakesNoImages_RefusesEveryRole()
    {
        var (_, errors) = ImageChecks.Check([Image(ImageRole.FirstFrame, TestImages.Png())], limits: null, Inspector);

        Assert.Equal("This video API makes videos from text only: it takes no images (first frame, last frame or reference).", Assert.Single(errors).Message);
    }

    [Fact]
    public void Check_RoleTheProviderLacks_NamesWhatItTakes()
    {
        var limits = new ImageInputLimits { MaxPerRole = new Dictionary<ImageRole, int> { [ImageRole.FirstFrame] = 1 } };

        var (_, errors) = ImageChecks.Check([Image(ImageRole.Reference, TestImages.Png())], limits, Inspector);

        Assert.Equal("This video API takes no reference image; it takes: first frame.", Assert.Single(errors).Message);
    }

    [Fact]
    public void Check_HostileFileName_IsNotEchoedAsMarkup()
    {
        var (_, errors) = ImageChecks.Check([Image(ImageRole.FirstFrame, TestImages.TextNamedPng(), "@everyone <@&1> *x*.png")], ImageInputLimits.Seedance, Inspector);

        var message = Assert.Single(errors).Message;
        Assert.DoesNotContain("@", message, StringComparison.Ordinal);
        Assert.DoesNotContain("<", message, StringComparison.Ordinal);
    }

    /// <summary>Counts reads (a substitute cannot take a span).</summary>
    private sealed class CountingInspector : IImageInspector
    {
        public int Calls { get; private set; }

        public ImageHeader Inspect(ReadOnlySpan<byte> content)
        {
            Calls++;
            return Inspector.Inspect(content);
        }
    }
}
