using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Tests.Commands;

public sealed class VideoRequestParserTests
{
    [Fact]
    public void ParseText_PromptWithEveryFlag_ReadsThemAll()
    {
        var parse = VideoRequestParser.ParseText("a fox in the snow at dawn --ar 9:16 --duration 8 --style Anime --seed 42 --motion high --camera zoom-in,pan-left");

        Assert.True(parse.IsValid, string.Join("; ", parse.Errors));
        Assert.Equal(
            new VideoRequest
            {
                Prompt = "a fox in the snow at dawn",
                AspectRatio = AspectRatio.Portrait,
                DurationSeconds = 8,
                Style = "anime",
                Seed = 42,
                Motion = MotionLevel.High,
                Camera = new CameraMotion(ZoomDirection.In, PanDirection.Left),
            },
            parse.Request);
    }

    [Fact]
    public void ParseText_Storyboard_SplitsScenesWithTheirOwnDurations()
    {
        var parse = VideoRequestParser.ParseText("Wide shot. A detective under a streetlamp [4s] | Close-up. He looks up, rain dripping [3s] | He walks away --style noir");

        Assert.True(parse.IsValid);
        Assert.Null(parse.Request.Prompt);
        Assert.Equal(
            [new VideoScene("Wide shot. A detective under a streetlamp", 4), new VideoScene("Close-up. He looks up, rain dripping", 3), new VideoScene("He walks away", 0)],
            parse.Request.Scenes);
        Assert.Equal("noir", parse.Request.Style);
    }

    [Theory]
    [InlineData("a cat \u2014ar 1:1 \u2014seed 7")]
    [InlineData("a cat \u2013ar 1:1 \u2013seed 7")]
    [InlineData("a cat --AR 1:1 --seed 7")]
    [InlineData("--ar 1:1 a cat --seed 7")]
    public void ParseText_DashesFromPhonesAndFlagsBeforeThePrompt_AreUnderstood(string text)
    {
        var parse = VideoRequestParser.ParseText(text);

        Assert.True(parse.IsValid, string.Join("; ", parse.Errors));
        Assert.Equal("a cat", parse.Request.Prompt);
        Assert.Equal(AspectRatio.Square, parse.Request.AspectRatio);
        Assert.Equal(7, parse.Request.Seed);
    }

    [Fact]
    public void ParseText_SingleShotDurationInBrackets_IsTheDuration()
    {
        var parse = VideoRequestParser.ParseText("waves on a beach [6s]");

        Assert.Equal(("waves on a beach", 6), (parse.Request.Prompt, parse.Request.DurationSeconds));
    }

    [Fact]
    public void ParseText_BadValues_NamesEveryFieldAndWhatIsAllowed()
    {
        var parse = VideoRequestParser.ParseText("a cat --ar 4:3 --duration long --seed -5 --motion wild --camera spin --foo bar --style");

        var byField = parse.Errors.ToDictionary(e => e.Field, e => e.Message);
        Assert.Contains("16:9, 9:16, 1:1", byField["aspect_ratio"], StringComparison.Ordinal);
        Assert.Contains("seconds", byField["duration"], StringComparison.Ordinal);
        Assert.Contains("0 to 4294967295", byField["seed"], StringComparison.Ordinal);
        Assert.Contains("low, medium, high", byField["motion"], StringComparison.Ordinal);
        Assert.Contains("zoom-in", byField["camera"], StringComparison.Ordinal);
        Assert.Contains("--foo", byField["foo"], StringComparison.Ordinal);
        Assert.Contains("needs a value", byField["style"], StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOptions_TypedForm_ReachesTheSameRequestAsText()
    {
        var typed = VideoRequestParser.ParseOptions(
        [
            new("prompt", "a fox in the snow"),
            new("aspect_ratio", "9:16"),
            new("duration", "8"),
            new("camera", "zoom-in, tilt-up"),
            new("motion", "low"),
        ]);
        var text = VideoRequestParser.ParseText("a fox in the snow --ar 9:16 --duration 8 --camera zoom-in,tilt-up --motion low");

        Assert.True(typed.IsValid);
        Assert.Equal(text.Request, typed.Request);
    }

    [Fact]
    public void ParseText_EmptyScene_IsNamed()
    {
        var parse = VideoRequestParser.ParseText("a harbour at dawn | | gulls");

        Assert.Contains(parse.Errors, e => e.Field == "scenes[2]");
    }

    [Fact]
    public void ParseText_CameraListFollowedByMorePrompt_KeepsThePromptWords()
    {
        var parse = VideoRequestParser.ParseText("a city --camera pan-right, tilt-down at night");

        Assert.Equal("a city at night", parse.Request.Prompt);
        Assert.Equal(new CameraMotion(Pan: PanDirection.Right, Tilt: TiltDirection.Down), parse.Request.Camera);
    }
}
