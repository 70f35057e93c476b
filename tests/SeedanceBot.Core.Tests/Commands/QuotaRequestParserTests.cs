using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Core.Tests.Commands;

public sealed class QuotaRequestParserTests
{
    public static TheoryData<string, KeyValuePair<string, string>[]> SameRequests => new()
    {
        { "show <@123>", [new("action", "show"), new("user", "123")] },
        { "set 123 videos=5 seconds=60 concurrent=2", [new("action", "set"), new("user", "123"), new("videos", "5"), new("seconds", "60"), new("concurrent", "2")] },
        { "set <@U0ABC|alice> clear", [new("action", "set"), new("user", "U0ABC"), new("clear", "true")] },
        { "reset 123", [new("action", "reset"), new("user", "123")] },
        { "default videos=3 cap-videos=200 cap-seconds=3000", [new("action", "default"), new("videos", "3"), new("cap_videos", "200"), new("cap_seconds", "3000")] },
        { "role <@&456> seconds=90", [new("action", "role"), new("role", "456"), new("seconds", "90")] },
        { "role 456 clear", [new("action", "role"), new("role", "456"), new("clear", "true")] },
        { "top", [new("action", "top")] },
    };

    [Theory]
    [MemberData(nameof(SameRequests))]
    public void ParseTextAndParseOptions_SameRequest_ReadTheSame(string text, KeyValuePair<string, string>[] options)
    {
        var fromText = QuotaRequestParser.ParseText(text);
        var fromOptions = QuotaRequestParser.ParseOptions(options);

        Assert.Null(fromText.Error);
        Assert.NotNull(fromText.Request);
        Assert.Equal(fromText, fromOptions);
    }

    [Fact]
    public void ParseOptions_Set_ReadsTypedFields()
    {
        var parse = QuotaRequestParser.ParseOptions([new("action", "set"), new("user", "123"), new("videos", "5"), new("concurrent", "1")]);

        Assert.Equal(new QuotaRequest(QuotaAction.Set, "123") { Limits = new QuotaOverride(DailyVideos: 5, MaxConcurrentJobs: 1) }, parse.Request);
    }

    [Fact]
    public void ParseOptions_ValueHoldingMoreAssignments_IsNotReadAsText()
    {
        // Typed values stay values: a user option cannot smuggle in "seconds=1", a number option cannot carry a second one.
        var smuggledUser = QuotaRequestParser.ParseOptions([new("action", "set"), new("user", "123 seconds=1"), new("videos", "5")]);
        var smuggledNumber = QuotaRequestParser.ParseOptions([new("action", "set"), new("user", "123"), new("videos", "5 seconds=1")]);

        Assert.Null(smuggledUser.Request);
        Assert.Equal(QuotaRequestParser.Usage, smuggledUser.Error);
        Assert.Null(smuggledNumber.Request);
        Assert.Contains("'videos' must be a whole number", smuggledNumber.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Usage:")]
    [InlineData("launch 123", "Usage:")]
    [InlineData("set", "Usage:")]
    [InlineData("set 123", "Say what to set")]
    [InlineData("set 123 videos=-1", "'videos=-1' is not name=number")]
    [InlineData("set 123 concurrent=0", "'concurrent' can't be set here")]
    [InlineData("set 123 cap-videos=5", "'cap-videos' can't be set here")]
    [InlineData("default", "cap-videos=200")]
    public void ParseText_BadInput_SaysWhatIsWrong(string text, string error)
    {
        var parse = QuotaRequestParser.ParseText(text);

        Assert.Null(parse.Request);
        Assert.Contains(error, parse.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("set", "concurrent", "0", "'concurrent' can't be set here")]
    [InlineData("role", "cap_seconds", "5", "'cap-seconds' can't be set here")]
    [InlineData("set", "videos", "-3", "'videos' must be a whole number")]
    [InlineData("set", "clear", "true", "Either clear the limits or set them")]
    public void ParseOptions_BadInput_SaysWhatIsWrong(string action, string name, string value, string error)
    {
        var parse = QuotaRequestParser.ParseOptions([new("action", action), new("user", "123"), new("role", "123"), new("videos", "1"), new(name, value)]);

        Assert.Null(parse.Request);
        Assert.Contains(error, parse.Error, StringComparison.Ordinal);
    }
}
