using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Tests.Video;

public sealed class VideoRequestTests
{
    [Theory]
    [InlineData("16:9", AspectRatio.Landscape)]
    [InlineData(" 9:16 ", AspectRatio.Portrait)]
    [InlineData("1:1", AspectRatio.Square)]
    public void AspectRatios_TryParse_ReadsTheWrittenFormsAndWritesThemBack(string text, AspectRatio expected)
    {
        Assert.True(AspectRatios.TryParse(text, out var ratio));
        Assert.Equal(expected, ratio);
        Assert.Equal(text.Trim(), ratio.Value.ToRatioString());
    }

    [Theory]
    [InlineData("4:3")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("16x9")]
    public void AspectRatios_TryParse_RefusesAnythingElse(string? text)
    {
        Assert.False(AspectRatios.TryParse(text, out _));
    }

    [Fact]
    public void TotalSeconds_Storyboard_IsTheSumOfItsScenes()
    {
        var request = new VideoRequest { Scenes = [new("a", 4), new("b", 3), new("c", 5)], DurationSeconds = 99 };

        Assert.True(request.IsStoryboard);
        Assert.Equal(12, request.TotalSeconds);
    }

    [Fact]
    public void TotalSeconds_SingleShot_IsItsDurationOrUnknown()
    {
        Assert.Equal(8, new VideoRequest { Prompt = "x", DurationSeconds = 8 }.TotalSeconds);
        Assert.Null(new VideoRequest { Prompt = "x" }.TotalSeconds);
        Assert.False(new VideoRequest { Prompt = "x", Scenes = [] }.IsStoryboard);
    }

    [Fact]
    public void ProviderException_TransientKinds_AreOnlyOutagesAndRateLimits()
    {
        var transient = Enum.GetValues<VideoProviderErrorKind>().Where(k => new VideoProviderException(k, "m").IsTransient);

        Assert.Equal([VideoProviderErrorKind.RateLimited, VideoProviderErrorKind.Unavailable], transient.Order());
    }
}
