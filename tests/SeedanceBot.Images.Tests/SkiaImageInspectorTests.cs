using SeedanceBot.Core.Media;
using SeedanceBot.Testing.Images;

namespace SeedanceBot.Images.Tests;

/// <summary>The header reader on real small images made here and on hand-crafted hostile files; none is decoded.</summary>
public sealed class SkiaImageInspectorTests
{
    private readonly IImageInspector _inspector = ImagesExtensions.CreateInspector();

    public static TheoryData<string, string, int, int> Usable() => new()
    {
        { "png", ImageHeader.Png, 320, 200 },
        { "jpeg", ImageHeader.Jpeg, 640, 360 },
        { "webp", ImageHeader.Webp, 300, 600 },
    };

    [Theory]
    [MemberData(nameof(Usable))]
    public void Inspect_RealImage_ReadsTypeAndSizeFromTheBytes(string kind, string contentType, int width, int height)
    {
        var bytes = kind switch
        {
            "png" => TestImages.Png(width, height),
            "jpeg" => TestImages.Jpeg(width, height),
            _ => TestImages.Webp(width, height),
        };

        var header = _inspector.Inspect(bytes);

        Assert.True(header.IsImage, header.Problem);
        Assert.Equal((contentType, width, height), (header.ContentType, header.Width, header.Height));
    }

    public static TheoryData<string, string> Hostile() => new()
    {
        { "empty", "not an image" },
        { "text named .png", "not an image" },
        { "gif", "GIF" },
        { "png signature only", "cut short" },
        { "png cut in half", "cut short" },
        { "jpeg cut in half", "cut short" },
        { "webp cut in half", "cut short" },
        { "jpeg magic, then garbage", "cut short" },
        { "png chunk length past the end", "cut short" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Inspect_HostileFile_IsRefusedWithAReason(string kind, string reason)
    {
        var png = TestImages.Png();
        var bytes = kind switch
        {
            "empty" => [],
            "text named .png" => TestImages.TextNamedPng(),
            "gif" => TestImages.Gif(),
            "png signature only" => png[..8],
            "png cut in half" => TestImages.CutShort(png),
            "jpeg cut in half" => TestImages.CutShort(TestImages.Jpeg()),
            "webp cut in half" => TestImages.CutShort(TestImages.Webp()),
            "jpeg magic, then garbage" => [0xFF, 0xD8, 0xFF, 0x00, 0x01, 0x02, 0x03],
            _ => [.. png[..8], 0x7F, 0xFF, 0xFF, 0xFF, .. "IHDR"u8, 0, 0, 0, 1],
        };

        var header = _inspector.Inspect(bytes);

        Assert.False(header.IsImage);
        Assert.Contains(reason, header.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_HeaderClaiming60000Pixels_GivesTheClaimWithoutDecoding()
    {
        var header = _inspector.Inspect(TestImages.PngHeader(60_000, 400));

        // Either the codec refuses it outright or it reports the claimed size, which Core then refuses: never pixels.
        Assert.True(!header.IsImage || header.Width == 60_000, header.ToString());
    }

    [Fact]
    public void Inspect_DecompressionBomb_ReadsOnlyTheHeader()
    {
        var bomb = TestImages.DecompressionBomb();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var header = _inspector.Inspect(bomb);

        // 50,000 x 50,000 RGBA would be 10 GB decoded; reading it allocates about the file's own size.
        Assert.True(bomb.Length < 64 * 1024, $"the bomb is {bomb.Length} bytes");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024);
        Assert.True(!header.IsImage || (header.Width, header.Height) == (50_000, 50_000), header.ToString());
    }
}
