using System.Text.Json.Nodes;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Discord;

namespace SeedanceBot.Discord.Tests.Interactions;

/// <summary>Commands, the storyboard modal, autocomplete and buttons, end to end through the signed HTTP endpoint.</summary>
public sealed class InteractionHandlerTests : IAsyncLifetime
{
    private const string Alice = "1100000000000000111";
    private const string Bob = "1100000000000000222";
    private readonly SignedInteractions _signer = new();
    private DiscordHarness _harness = null!;

    private FakeDiscord Discord => _harness.Discord;

    public async ValueTask InitializeAsync() => _harness = await DiscordHarness.StartAsync(_signer.HttpModeSettings, web: true);

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        _signer.Dispose();
    }

    private async Task<JsonNode> SendAsync(JsonObject interaction)
    {
        try
        {
            return await _signer.PostAsync(_harness.Http, _harness.Time, interaction).WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException("no answer; log:\n" + _harness.Logs.AllText + "\nrequests:\n" + string.Join("\n", Discord.Requests.Select(r => r.Method + " " + r.Path)), ex);
        }
    }

    private static JsonObject Command(string name, params JsonObject[] options) => SignedInteractionTests.Command(name, options);

    private static JsonObject Option(string name, int type, JsonNode value, bool focused = false) => SignedInteractionTests.Option(name, type, value, focused);

    [Fact]
    public async Task Video_Valid_DefersPublicly_AndStoresTheJobWithItsInteractionToken()
    {
        var interaction = Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox in the snow"), Option("aspect_ratio", 3, "9:16"), Option("seed", 4, 7)));

        var answer = await SendAsync(interaction);

        Assert.Equal("""{"type":5}""", answer.ToJsonString());
        var job = Assert.Single(_harness.Store.All);
        Assert.Equal("a fox in the snow", job.Request.Prompt);
        Assert.Equal(AspectRatio.Portrait, job.Request.AspectRatio);
        Assert.Equal(7, job.Request.Seed);
        Assert.Equal(new ChatOrigin("discord", "1200000000000000000", "1200000000000000222"), job.Origin);
        Assert.Contains((string)interaction["token"]!, job.ReplyContext, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storyboard_OpensAModal_AndItsSubmissionMakesAMultiShotVideo()
    {
        var modal = await SendAsync(Discord.NewInteraction(2, Command("storyboard", Option("aspect_ratio", 3, "1:1"), Option("style", 3, "anime"))));

        Assert.Equal(9, (int?)modal["type"]);
        var customId = (string)modal["data"]!["custom_id"]!;
        Assert.True(customId.Length <= 100);

        // Submitted in the older action-row layout: still read.
        var inputs = modal["data"]!["components"]!.AsArray().Select(label => label!["component"]!).ToList();
        Assert.Equal(5, inputs.Count);
        Assert.All(inputs, i => Assert.Equal(4, (int?)i!["type"]));

        var submit = Discord.NewInteraction(5, new JsonObject
        {
            ["custom_id"] = customId,
            ["components"] = new JsonArray(
                Row("shot1", "Wide shot of a harbour at dawn [4s]"),
                Row("shot2", "Close-up of a gull taking off [3s]"),
                Row("shot3", string.Empty)),
        });
        var answer = await SendAsync(submit);

        Assert.Equal(5, (int?)answer["type"]);
        var job = Assert.Single(_harness.Store.All);
        Assert.Equal(2, job.Request.Scenes!.Count);
        Assert.Equal(4, job.Request.Scenes[0].DurationSeconds);
        Assert.Equal(AspectRatio.Square, job.Request.AspectRatio);
        Assert.Equal("anime", job.Request.Style);

        static JsonObject Row(string id, string value) => new()
        {
            ["type"] = 1,
            ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = id, ["value"] = value }),
        };
    }

    [Fact]
    public async Task Autocomplete_Style_SuggestsMatchingStyles()
    {
        var answer = await SendAsync(Discord.NewInteraction(4, Command("video", Option("prompt", 3, "x"), Option("style", 3, "ani", focused: true))));

        Assert.Equal("""{"type":8,"data":{"choices":[{"name":"Anime (anime)","value":"anime"}]}}""", answer.ToJsonString());
    }

    [Fact]
    public async Task Autocomplete_Job_SuggestsTheCallersRecentJobsOnly()
    {
        await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "alice's fox"))));
        await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "bob's cat")), userId: Bob));

        var answer = await SendAsync(Discord.NewInteraction(4, Command("status", Option("job", 3, string.Empty, focused: true))));

        var choice = Assert.Single(answer["data"]!["choices"]!.AsArray());
        var alicesJob = _harness.Store.All.Single(j => j.UserId == Alice);
        Assert.Equal(alicesJob.Id, (string?)choice!["value"]);
        Assert.Contains("alice's fox", (string?)choice["name"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quota_NonAdmin_IsRefusedPrivately_ManageServer_CanSetLimits()
    {
        var set = new JsonObject
        {
            ["name"] = "quota",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject
            {
                ["name"] = "set",
                ["type"] = 1,
                ["options"] = new JsonArray(Option("user", 6, Bob), Option("videos", 4, 3)),
            }),
        };

        var refused = await SendAsync(Discord.NewInteraction(2, set.DeepClone().AsObject(), permissions: "2048"));
        var allowed = await SendAsync(Discord.NewInteraction(2, set.DeepClone().AsObject(), permissions: "32"));

        Assert.Equal(64, (int?)refused["data"]!["flags"]);
        Assert.Contains("Only admins", (string?)refused["data"]!["content"], StringComparison.Ordinal);
        Assert.Equal(64, (int?)allowed["data"]!["flags"]);
        var limits = await _harness.Store.GetUserAsync(new Core.Quotas.WorkspaceKey("discord", "1200000000000000000"), Bob, CancellationToken.None);
        Assert.Equal(3, limits?.DailyVideos);
    }

    [Fact]
    public async Task Quota_TypedOptions_ReachCoreAsValues_NotAsText()
    {
        // A value that reads as more assignments once flattened to "set <user> seconds=1 videos=3" stays one value
        // (sent as a string option: a user option must be a snowflake already at intake).
        JsonObject Set(params JsonNode[] options) => new()
        {
            ["name"] = "quota",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "set", ["type"] = 1, ["options"] = new JsonArray(options) }),
        };

        var smuggled = await SendAsync(Discord.NewInteraction(2, Set(Option("user", 3, Bob + " seconds=1"), Option("videos", 4, 3)), permissions: "32"));
        var clearedAndSet = await SendAsync(Discord.NewInteraction(2, Set(Option("user", 6, Bob), Option("clear", 5, true), Option("videos", 4, 3)), permissions: "32"));
        var capped = await SendAsync(Discord.NewInteraction(2, new JsonObject
        {
            ["name"] = "quota",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "default", ["type"] = 1, ["options"] = new JsonArray(Option("cap_videos", 4, 40)) }),
        }, permissions: "32"));

        Assert.Contains("Usage: /quota", (string?)smuggled["data"]!["content"], StringComparison.Ordinal);
        Assert.Contains("Either clear the limits or set them", (string?)clearedAndSet["data"]!["content"], StringComparison.Ordinal);
        Assert.Contains("40 videos", (string?)capped["data"]!["content"], StringComparison.Ordinal);
        var workspace = new Core.Quotas.WorkspaceKey("discord", "1200000000000000000");
        Assert.Null(await _harness.Store.GetUserAsync(workspace, Bob, CancellationToken.None));
        Assert.Equal(40, (await _harness.Store.GetWorkspaceAsync(workspace, CancellationToken.None))?.DailyVideosCap);
    }

    [Fact]
    public async Task RerollButton_WorksFromStoredState_SameSettingsNewSeed()
    {
        await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox"), Option("seed", 4, 7), Option("style", 3, "anime"))));
        var original = Assert.Single(_harness.Store.All);

        var answer = await SendAsync(Discord.NewInteraction(3, new JsonObject { ["custom_id"] = "sb:reroll:" + original.Id, ["component_type"] = 2 }, userId: Bob));

        Assert.Equal(5, (int?)answer["type"]);
        var again = _harness.Store.All.Single(j => j.Id != original.Id);
        Assert.Equal(original.Request with { Seed = again.Request.Seed }, again.Request);
        Assert.NotEqual(7, again.Request.Seed);
        Assert.Equal(Bob, again.UserId);
    }

    [Fact]
    public async Task FreshLinkButton_AnswersPrivatelyWithANewLink()
    {
        await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox"))));
        // Run the job to the end: submit, then poll once it is done; the link it got is then a minute old.
        await _harness.RunJobsAsync();
        _harness.Time.Advance(_harness.Provider.GenerationTime + TimeSpan.FromMinutes(5));
        await _harness.RunJobsAsync();
        var job = _harness.Store.All.Single();
        Assert.Equal(JobState.Succeeded, job.State);
        _harness.Time.Advance(TimeSpan.FromMinutes(1));

        var answer = await SendAsync(Discord.NewInteraction(3, new JsonObject { ["custom_id"] = "sb:fresh_link:" + job.Id, ["component_type"] = 2 }));

        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        var content = (string?)answer["data"]!["content"];
        Assert.Contains($"https://cdn.example.test/{job.ProviderJobId}.mp4", content, StringComparison.Ordinal);
        Assert.DoesNotContain(job.VideoUrl!.Query, content, StringComparison.Ordinal);
    }
}
