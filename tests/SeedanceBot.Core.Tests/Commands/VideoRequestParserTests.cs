using System.Globalization;
using System.Text;
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

    [Theory]
    [InlineData(VideoRequestParser.MaxTextLength + 1)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void ParseText_LongerThanTheLimit_IsRefusedBeforeAnythingIsRead(int length)
    {
        var parse = VideoRequestParser.ParseText(new string('[', length - 9) + " --ar 4:3");

        var error = Assert.Single(parse.Errors);
        Assert.Equal("prompt", error.Field);
        Assert.Contains("at most 8,000", error.Message, StringComparison.Ordinal);
        Assert.Contains(length.ToString("N0", CultureInfo.InvariantCulture) + " characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOptions_TypedPromptLongerThanTheLimit_IsRefused()
    {
        var parse = VideoRequestParser.ParseOptions([new("prompt", new string('x', VideoRequestParser.MaxTextLength + 1))]);

        Assert.Contains("at most 8,000", Assert.Single(parse.Errors).Message, StringComparison.Ordinal);
    }

    /// <summary>Inputs that make a backtracking pattern quadratic or worse, at the longest length read and far beyond it.</summary>
    public static TheoryData<string, int> WorstCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var shape in WorstCaseShapes.Keys)
        {
            data.Add(shape, VideoRequestParser.MaxTextLength);
            data.Add(shape, 1_000_000);
        }

        return data;
    }

    internal static readonly Dictionary<string, string> WorstCaseShapes = new(StringComparer.Ordinal)
    {
        ["open brackets"] = "[",
        ["open brackets and spaces"] = "[ ",
        ["unclosed durations"] = "[1",
        ["closed brackets"] = "[]",
        ["angle brackets"] = "<",
        ["angle brackets with pipes"] = "<a | ",
        ["separators"] = " | ",
        ["escaped pipes"] = "\\| ",
        ["flags"] = "--a ",
        ["em dashes"] = "\u2014",
        ["dashes"] = "-",
        ["spaces"] = " ",
        ["camera list"] = "x, ",
        ["zero-width spaces"] = "\u200B",
    };

    /// <summary>Repeats <paramref name="shape"/> to <paramref name="length"/> characters, with flags at the end as a user would.</summary>
    internal static string WorstCase(string shape, int length)
    {
        const string Tail = " --camera ";
        var body = new StringBuilder(length);
        while (body.Length < length - Tail.Length)
        {
            body.Append(shape);
        }

        body.Length = length - Tail.Length;
        return body.Append(Tail).ToString();
    }

    [Theory]
    [MemberData(nameof(WorstCases))]
    public async Task ParseText_WorstCaseInput_AnswersWithoutHanging(string shape, int length)
    {
        var text = WorstCase(WorstCaseShapes[shape], length);

        // A hang guard, not a timing: the parser needs milliseconds; a backtracking one needed minutes for 1 MB.
        var parse = await Task.Run(() => VideoRequestParser.ParseText(text), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.NotNull(parse.Request);
        Assert.InRange(parse.Errors.Count, 0, VideoRequestParser.MaxErrors);
    }

    [Theory]
    [InlineData("a fox <https://example.com/fox|the fox page> in the snow")]
    [InlineData("<@U0123ABC|maria> asks for a fox in the snow")]
    [InlineData("a fox in the snow <https://example.com?a=1|b=2 | more words> [4s]")]
    [InlineData("a fox in the snow, as <#C0123|general> wanted")]
    public void ParseText_PipeInsideASlackLinkOrMention_IsNotASceneSeparator(string text)
    {
        var parse = VideoRequestParser.ParseText(text);

        Assert.True(parse.IsValid, string.Join("; ", parse.Errors));
        Assert.Null(parse.Request.Scenes);
        Assert.StartsWith(text[..10], parse.Request.Prompt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a neon sign reading OPEN|CLOSED", "a neon sign reading OPEN|CLOSED")]
    [InlineData("a neon sign reading OPEN \\| CLOSED --ar 1:1", "a neon sign reading OPEN | CLOSED")]
    [InlineData("a neon sign reading OPEN \\|CLOSED", "a neon sign reading OPEN |CLOSED")]
    [InlineData("a fox || a hare", "a fox || a hare")]
    [InlineData("a < b | c > d", null)]
    public void ParseText_PipeWithoutSpacesOrEscaped_StaysInThePrompt(string text, string? prompt)
    {
        var parse = VideoRequestParser.ParseText(text);

        if (prompt is null)
        {
            Assert.Equal(["a < b", "c > d"], parse.Request.Scenes!.Select(s => s.Prompt));
        }
        else
        {
            Assert.Equal(prompt, parse.Request.Prompt);
            Assert.Null(parse.Request.Scenes);
        }
    }

    [Fact]
    public void ParseText_StoryboardAsDiscordJoinsItsShots_SplitsIntoScenes()
    {
        // Discord's storyboard form: one shot per field, joined with " | ", then the command's options as flags.
        var parse = VideoRequestParser.ParseText("Wide shot of a harbour at dawn [4s] | Close-up of a gull taking off [3s] | The gull flies away --ar 9:16 --style cinematic");

        Assert.True(parse.IsValid, string.Join("; ", parse.Errors));
        Assert.Equal(
            [new VideoScene("Wide shot of a harbour at dawn", 4), new VideoScene("Close-up of a gull taking off", 3), new VideoScene("The gull flies away", 0)],
            parse.Request.Scenes);
        Assert.Equal(AspectRatio.Portrait, parse.Request.AspectRatio);
    }

    [Theory]
    [InlineData("a harbour [0s] | a gull [3s]", "scenes[1].duration")]
    [InlineData("a harbour [4s] | a gull [ 0 s ]", "scenes[2].duration")]
    public void ParseText_ZeroSecondScene_IsRefusedNamingTheField(string text, string field)
    {
        var parse = VideoRequestParser.ParseText(text);

        var error = Assert.Single(parse.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains("0 s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a cat \u2010\u2010ar 1:1")]
    [InlineData("a cat \u2011\u2011ar 1:1")]
    [InlineData("a cat \u2012ar 1:1")]
    [InlineData("a cat \u2013ar 1:1")]
    [InlineData("a cat \u2014ar 1:1")]
    [InlineData("a cat \u2015ar 1:1")]
    [InlineData("a cat \u2212\u2212ar 1:1")]
    [InlineData("a cat \uFE58ar 1:1")]
    [InlineData("a cat \uFE63\uFE63ar 1:1")]
    [InlineData("a cat \uFF0D\uFF0Dar 1:1")]
    [InlineData("a cat -\u2013ar 1:1")]
    [InlineData("a cat --\u200Bar 1:1")]
    [InlineData("\u202Ea cat --ar 1:1\u202C")]
    public void ParseText_LookAlikeDashesAndInvisibleCharacters_StillReadTheFlag(string text)
    {
        var parse = VideoRequestParser.ParseText(text);

        Assert.True(parse.IsValid, string.Join("; ", parse.Errors));
        Assert.Equal(("a cat", AspectRatio.Square), (parse.Request.Prompt, parse.Request.AspectRatio));
    }

    [Theory]
    [InlineData("a cat \u2010ar 1:1")]
    [InlineData("a cat \u2212ar 1:1")]
    [InlineData("a cat -ar 1:1")]
    [InlineData("a cat ---ar 1:1")]
    public void ParseText_OneHyphenLikeDash_IsPromptText(string text)
    {
        var parse = VideoRequestParser.ParseText(text);

        Assert.True(parse.IsValid, string.Join("; ", parse.Errors));
        Assert.Equal(text, parse.Request.Prompt);
    }

    [Fact]
    public void ParseText_DashesInsideThePrompt_AreKeptAsWritten()
    {
        var parse = VideoRequestParser.ParseText("Berlin 1990\u20132000 \u2014 a street at night --ar 9:16");

        Assert.Equal("Berlin 1990\u20132000 \u2014 a street at night", parse.Request.Prompt);
        Assert.Equal(AspectRatio.Portrait, parse.Request.AspectRatio);
    }

    [Fact]
    public void ParseText_ManyBadFlags_ListsTheFirstProblemsAndCountsTheRest()
    {
        var text = string.Concat(Enumerable.Range(1, 50).Select(i => $" --x{i} 1")) + " --camera " + string.Join(',', Enumerable.Range(1, 50).Select(i => "spin" + i));

        var parse = VideoRequestParser.ParseText("a cat" + text);

        Assert.Equal(VideoRequestParser.MaxErrors, parse.Errors.Count);
        Assert.Contains("42 more problems", parse.Errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseText_ValueQuotedInAnError_IsCut()
    {
        var parse = VideoRequestParser.ParseText("a cat --ar " + new string('9', 5000));

        var error = Assert.Single(parse.Errors);
        Assert.InRange(error.Message.Length, 1, 200);
    }

    /// <summary>The contract, as /video applies it: parse, then validate, each problem named once; never an exception.</summary>
    public static TheoryData<string> ContractCases() => [.. Contract.Keys];

    private static readonly Dictionary<string, (string Text, string? Field, string? Says)> Contract = new(StringComparer.Ordinal)
    {
        ["empty"] = ("", "prompt", "is empty"),
        ["two scenes"] = ("a harbour | a gull", null, null),
        ["ten scenes"] = (string.Join(" | ", Enumerable.Range(1, 10).Select(i => "shot " + i + " [2s]")), null, null),
        ["eleven scenes"] = (string.Join(" | ", Enumerable.Range(1, 11).Select(i => "shot " + i + " [2s]")), "scenes", "this one has 11"),
        ["a thousand scenes"] = (string.Join(" | ", Enumerable.Range(1, 1000).Select(_ => "x")), "scenes", "this one has 1000"),
        ["trailing separator"] = ("a harbour | a gull |", "scenes[3]", "no prompt"),
        ["zero-second scene"] = ("a harbour [0s] | a gull", "scenes[1].duration", "0 s"),
        ["zero-second shot"] = ("a harbour [0s]", "duration", "1-20 seconds"),
        ["huge duration flag"] = ("a cat --duration 99999999999", "duration", "far too long"),
        ["huge duration in seconds"] = ("a cat --duration 99999999999s", "duration", "far too long"),
        ["largest int duration"] = ("a cat --duration 2147483647", "duration", "1-20 seconds"),
        ["negative seed"] = ("a cat --seed -1", "seed", "0 to 4294967295"),
        ["seed past a long"] = ("a cat --seed 99999999999999999999", "seed", "0 to 4294967295"),
        ["seed past the provider's"] = ("a cat --seed 99999999999", "seed", "0 to 4294967295"),
        ["huge scene duration"] = ("a harbour [99999999999s] | a gull", "scenes[1]", "far too long"),
        ["largest int scenes"] = ("a harbour [2147483647s] | a gull [2147483647s]", "scenes[1].duration", "1-20 seconds"),
        ["fractional scene"] = ("a harbour [1.5s] | a gull", "scenes[1]", "whole seconds"),
        ["negative scene"] = ("a harbour [-3s] | a gull", "scenes[1]", "not a duration"),
        ["bracketed words"] = ("a sign reading [OPEN]", null, null),
        ["NUL"] = ("a cat\0 --ar 1:1", "prompt", "U+0000"),
        ["escape character"] = ("a cat \u001B[31m red", "prompt", "U+001B"),
        ["C1 control"] = ("a cat \u009B red", "prompt", "U+009B"),
        ["lone high surrogate"] = ("a cat \uD83D red", "prompt", "U+D83D"),
        ["lone low surrogate"] = ("a cat \uDE00 red", "prompt", "U+DE00"),
        ["emoji"] = ("a cat \uD83D\uDE00 and a family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", null, null),
        ["Arabic"] = ("\u0642\u0637\u0629 \u0641\u064A \u0627\u0644\u062B\u0644\u062C --ar 9:16", null, null),
        ["Hebrew with marks"] = ("\u200F\u05D7\u05EA\u05D5\u05DC \u05D1\u05E9\u05DC\u05D2\u200F --seed 7", null, null),
        ["only invisible"] = ("\u200B\u2060\uFEFF", "prompt", "is empty"),
        ["tabs and newlines"] = ("a cat\tin the\r\nsnow --ar 1:1", null, null),
    };

    [Theory]
    [MemberData(nameof(ContractCases))]
    public void ParseAndValidate_EdgeInput_IsReadOrRefusedClearly_NeverThrows(string name)
    {
        var (text, field, says) = Contract[name];

        var parse = VideoRequestParser.ParseText(text);
        var validated = VideoRequestValidator.Validate(parse.Request, new ProviderCapabilities { Name = "test" }, null);
        var errors = parse.Errors.Concat(validated.Errors.Where(v => parse.Errors.All(p => p.Field != v.Field))).ToList();

        if (field is null)
        {
            Assert.True(errors.Count == 0, string.Join("; ", errors));
            return;
        }

        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(says!, StringComparison.Ordinal));
        Assert.InRange(errors.Count, 1, 2 * VideoRequestParser.MaxErrors + 2);
    }

    [Fact]
    public void ParseText_InvisibleCharacters_AreDroppedFromThePrompt()
    {
        var parse = VideoRequestParser.ParseText("a\u200B cat \u2066in\u2069 the snow\uFEFF");

        Assert.Equal("a cat in the snow", parse.Request.Prompt);
    }

    [Fact]
    public void ParseOptions_TypedValueWithAControlCharacter_NamesTheOption()
    {
        var parse = VideoRequestParser.ParseOptions([new("prompt", "a cat"), new("style", "anime\0")]);

        Assert.Equal("style", Assert.Single(parse.Errors).Field);
    }
}
