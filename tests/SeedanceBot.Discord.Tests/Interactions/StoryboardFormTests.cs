using System.Text.Json.Nodes;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Discord.Tests.Interactions;

/// <summary>/storyboard: a modal in today's layout, its options kept in the store under a short key, submitted typed.</summary>
public sealed class StoryboardFormTests : SignedInteractionTests
{
    private static JsonObject[] AllOptions() =>
    [
        Option("aspect_ratio", 3, "9:16"),
        Option("style", 3, "cinematic"),
        Option("seed", 4, 2147483600),
        Option("motion", 3, "medium"),
        Option("camera", 3, "zoom-out,tilt-down"),
    ];

    private async Task<string> OpenAsync(string user = Alice, params JsonObject[] options)
    {
        var modal = await SendAsync(Discord.NewInteraction(2, Command("storyboard", options), userId: user));
        Assert.Equal(9, (int?)modal["type"]);
        return (string)modal["data"]!["custom_id"]!;
    }

    /// <summary>A submission as Discord sends it for label components: each input inside its label's "component".</summary>
    private JsonObject Submission(string customId, string user = Alice, params string[] shots) => Discord.NewInteraction(5, new JsonObject
    {
        ["custom_id"] = customId,
        ["components"] = new JsonArray([.. shots.Select((shot, i) => (JsonNode)new JsonObject
        {
            ["type"] = 18,
            ["id"] = i + 1,
            ["component"] = new JsonObject { ["type"] = 4, ["id"] = i + 10, ["custom_id"] = $"shot{i + 1}", ["value"] = shot },
        })]),
    }, userId: user);

    [Fact]
    public async Task Open_UsesLabelComponents_WithTheTextInputsInside()
    {
        var modal = await SendAsync(Discord.NewInteraction(2, Command("storyboard")));

        var fields = modal["data"]!["components"]!.AsArray();
        Assert.Equal(5, fields.Count);
        Assert.All(fields, f =>
        {
            Assert.Equal(18, (int?)f!["type"]);
            Assert.StartsWith("Shot ", (string?)f["label"], StringComparison.Ordinal);
            Assert.True(((string?)f["description"])?.Length is null or <= 100);
            var input = f["component"]!;
            Assert.Equal(4, (int?)input["type"]);
            Assert.Null(input["label"]);
            Assert.StartsWith("shot", (string?)input["custom_id"], StringComparison.Ordinal);
        });
        Assert.True(((string)modal["data"]!["title"]!).Length <= 45);
    }

    [Fact]
    public async Task AllFiveOptions_ReachTheJob_ThroughAShortKeyKeptInTheStore()
    {
        var customId = await OpenAsync(Alice, AllOptions());

        Assert.Matches("^storyboard:[a-z0-9]{16}$", customId);
        var submission = Submission(customId, Alice, "Wide shot of a harbour at dawn [4s]", "Close-up of a gull taking off [3s]", string.Empty);
        var answer = await SendAsync(submission);

        Assert.Equal(5, (int?)answer["type"]);
        var job = Assert.Single(Harness.Store.All);
        Assert.Equal(["Wide shot of a harbour at dawn", "Close-up of a gull taking off"], job.Request.Scenes!.Select(s => s.Prompt));
        Assert.Equal([4, 3], job.Request.Scenes!.Select(s => s.DurationSeconds));
        Assert.Equal(AspectRatio.Portrait, job.Request.AspectRatio);
        Assert.Equal("cinematic", job.Request.Style);
        Assert.Equal(2147483600, job.Request.Seed);
        Assert.NotNull(job.Request.Motion);
        Assert.False(job.Request.Camera!.IsEmpty);
        Assert.Contains((string)submission["token"]!, job.ReplyContext, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShotText_ThatLooksLikeAFlag_StaysInThePrompt_TheFormsOptionsStand()
    {
        var customId = await OpenAsync(Alice, Option("style", 3, "anime"));

        await SendAsync(Submission(customId, Alice, "A neon sign that reads --style cinematic --seed 5 [4s]", "Rain on the street [2s]"));

        var job = Assert.Single(Harness.Store.All);
        Assert.Equal("anime", job.Request.Style);
        Assert.Contains("--style cinematic --seed 5", job.Request.Scenes![0].Prompt, StringComparison.Ordinal);
        Assert.NotEqual(5, job.Request.Seed);
    }

    [Theory]
    [InlineData("storyboard:abcdefghijklmnop")]
    [InlineData("storyboard?aspect_ratio=1%3A1&style=anime")]
    [InlineData("storyboard")]
    [InlineData("storyboard:../../x")]
    public async Task UnknownOrOldFormKey_IsRefusedPrivately_WithoutAJob(string customId)
    {
        var answer = await SendAsync(Submission(customId, Alice, "Wide shot of a harbour at dawn [4s]", "A gull [3s]"));

        Assert.Equal(4, (int?)answer["type"]);
        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.Contains("out of date", (string?)answer["data"]!["content"], StringComparison.Ordinal);
        Assert.Contains("/storyboard", (string?)answer["data"]!["content"], StringComparison.Ordinal);
        Assert.Empty(Harness.Store.All);
    }

    [Fact]
    public async Task ExpiredForm_IsRefusedPrivately_WithoutAJob()
    {
        var customId = await OpenAsync(Alice, AllOptions());
        Harness.Time.Advance(TimeSpan.FromHours(2));

        var answer = await SendAsync(Submission(customId, Alice, "Wide shot [4s]", "A gull [3s]"));

        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.Contains("out of date", (string?)answer["data"]!["content"], StringComparison.Ordinal);
        Assert.Empty(Harness.Store.All);
    }

    [Fact]
    public async Task SomeoneElsesForm_IsRefusedPrivately_WithoutAJob()
    {
        var customId = await OpenAsync(Alice, AllOptions());

        var answer = await SendAsync(Submission(customId, Bob, "Wide shot [4s]", "A gull [3s]"));

        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.Contains("someone else", (string?)answer["data"]!["content"], StringComparison.Ordinal);
        Assert.Empty(Harness.Store.All);
    }
}
