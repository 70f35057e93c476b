using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Tests.Commands;

public sealed class VideoRequestValidatorTests
{
    private static readonly ProviderCapabilities Limits = new() { Name = "test" };
    private static readonly string[] Styles = ["anime", "cinematic"];

    [Fact]
    public void Validate_SingleShotWithoutDuration_GetsTheDefault()
    {
        var result = VideoRequestValidator.Validate(new VideoRequest { Prompt = "a fox" }, Limits, Styles);

        Assert.True(result.IsValid);
        Assert.Equal(Limits.DefaultShotSeconds, result.Request.DurationSeconds);
    }

    [Fact]
    public void Validate_ScenesWithoutDuration_TakeTheRequestDurationOrTheDefault()
    {
        var withDuration = VideoRequestValidator.Validate(new VideoRequest { Scenes = [new("a", 0), new("b", 3)], DurationSeconds = 6 }, Limits, Styles);
        var withoutDuration = VideoRequestValidator.Validate(new VideoRequest { Scenes = [new("a", 0), new("b", 0)] }, Limits, Styles);

        Assert.Equal([6, 3], withDuration.Request.Scenes!.Select(s => s.DurationSeconds));
        Assert.Null(withDuration.Request.DurationSeconds);
        Assert.Equal([5, 5], withoutDuration.Request.Scenes!.Select(s => s.DurationSeconds));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public void Validate_DurationOutOfRange_SaysTheRange(int seconds)
    {
        var result = VideoRequestValidator.Validate(new VideoRequest { Prompt = "a fox", DurationSeconds = seconds }, Limits, Styles);

        var error = Assert.Single(result.Errors);
        Assert.Equal("duration", error.Field);
        Assert.Contains("1-20 seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StoryboardLimits_AreEachNamed()
    {
        var scenes = Enumerable.Range(1, 11).Select(i => new VideoScene("shot " + i, 20)).ToList();
        scenes[3] = new VideoScene(new string('x', 2001), 25);

        var result = VideoRequestValidator.Validate(new VideoRequest { Scenes = scenes }, Limits, Styles);

        var fields = result.Errors.Select(e => e.Field).ToList();
        Assert.Contains("scenes", fields);
        Assert.Contains("scenes[4].prompt", fields);
        Assert.Contains("scenes[4].duration", fields);
        Assert.Contains("duration", fields);
    }

    [Fact]
    public void Validate_OneSceneStoryboard_IsRefused()
    {
        var result = VideoRequestValidator.Validate(new VideoRequest { Scenes = [new("only", 4)] }, Limits, Styles);

        Assert.Equal("scenes", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Validate_UnknownStyleAndSeed_ListWhatIsAllowed()
    {
        var result = VideoRequestValidator.Validate(new VideoRequest { Prompt = "x", Style = "vaporwave", Seed = 5_000_000_000 }, Limits, Styles);

        Assert.Contains(result.Errors, e => e.Field == "style" && e.Message.Contains("anime, cinematic", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Field == "seed" && e.Message.Contains("4294967295", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EmptyPrompt_ShowsAnExample()
    {
        var result = VideoRequestValidator.Validate(new VideoRequest { Prompt = "  " }, Limits, Styles);

        Assert.Contains("/video", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StoryboardWrittenAsOnePrompt_AllowsShortShots_ButNotAShortTotal()
    {
        var oneClip = new ProviderCapabilities { Name = "one clip", MinShotSeconds = 4, MaxShotSeconds = 15, MaxTotalSeconds = 15, MinTotalSeconds = 4, NativeStoryboards = false };

        var shortShots = VideoRequestValidator.Validate(new VideoRequest { Scenes = [new("a", 2), new("b", 3)] }, oneClip, Styles);
        var tooShort = VideoRequestValidator.Validate(new VideoRequest { Scenes = [new("a", 1), new("b", 2)] }, oneClip, Styles);
        var tooLong = VideoRequestValidator.Validate(new VideoRequest { Scenes = [new("a", 9), new("b", 9)] }, oneClip, Styles);

        Assert.Empty(shortShots.Errors);
        Assert.Equal("The scenes add up to 3 s; the video API makes videos of at least 4 s.", Assert.Single(tooShort.Errors).Message);
        Assert.Equal("The scenes add up to 18 s; a storyboard may last at most 15 s in all.", Assert.Single(tooLong.Errors).Message);
    }

    [Theory]
    [InlineData(0, "prompt")]
    [InlineData(1, "scenes")]
    [InlineData(2, null)]
    [InlineData(10, null)]
    [InlineData(11, "scenes")]
    [InlineData(1000, "scenes")]
    public void Validate_SceneCount_TwoToTenAllowed(int count, string? field)
    {
        var scenes = Enumerable.Range(1, count).Select(i => new VideoScene("shot " + i, 1)).ToList();

        var result = VideoRequestValidator.Validate(new VideoRequest { Scenes = scenes }, Limits, Styles);

        if (field is null)
        {
            Assert.Empty(result.Errors);
        }
        else
        {
            Assert.Equal(field, result.Errors[0].Field);
        }
    }

    [Fact]
    public void Validate_AThousandBrokenScenes_NamesOnlyTheScenesWithinTheLimit()
    {
        var scenes = Enumerable.Range(1, 1000).Select(_ => new VideoScene(" ", 99)).ToList();

        var result = VideoRequestValidator.Validate(new VideoRequest { Scenes = scenes }, Limits, Styles);

        Assert.Contains(result.Errors, e => e.Field == "scenes" && e.Message.Contains("this one has 1000", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Field == "scenes[10].prompt");
        Assert.DoesNotContain(result.Errors, e => e.Field == "scenes[11].prompt");
        Assert.InRange(result.Errors.Count, 1, (2 * Limits.MaxScenes) + 2);
    }

    [Fact]
    public void Validate_ScenesOfTheLargestLength_AddUpWithoutOverflow()
    {
        var result = VideoRequestValidator.Validate(new VideoRequest { Scenes = [new("a", int.MaxValue), new("b", int.MaxValue)] }, Limits, Styles);

        Assert.Contains(result.Errors, e => e.Field == "duration" && e.Message.Contains("4294967294 s", StringComparison.Ordinal));
    }
}
