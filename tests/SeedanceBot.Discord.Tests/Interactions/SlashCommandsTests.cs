using System.Text.Json.Nodes;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Discord.Tests.Interactions;

/// <summary>Slash commands end to end through the signed HTTP endpoint: /video, /storyboard opening its modal, /quota typed.</summary>
public sealed class SlashCommandsTests : SignedInteractionTests
{
    [Fact]
    public async Task Video_Valid_DefersPublicly_AndStoresTheJobWithItsInteractionToken()
    {
        var interaction = Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox in the snow"), Option("aspect_ratio", 3, "9:16"), Option("seed", 4, 7)));

        var answer = await SendAsync(interaction);

        Assert.Equal("""{"type":5}""", answer.ToJsonString());
        var job = Assert.Single(Harness.Store.All);
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
        var job = Assert.Single(Harness.Store.All);
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
        var limits = await Harness.Store.GetUserAsync(new Core.Quotas.WorkspaceKey("discord", "1200000000000000000"), Bob, CancellationToken.None);
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
        Assert.Null(await Harness.Store.GetUserAsync(workspace, Bob, CancellationToken.None));
        Assert.Equal(40, (await Harness.Store.GetWorkspaceAsync(workspace, CancellationToken.None))?.DailyVideosCap);
    }

    [Fact]
    public async Task Usage_Admin_PrivateAnswerThenTheChartAndCsvAsOnePrivateFollowUp_NonAdminRefused()
    {
        const string Ann = "1100000000000000111";
        var now = Harness.Time.GetUtcNow();
        var job = new Core.Jobs.BotJob
        {
            Id = "usage-1",
            Origin = new ChatOrigin("discord", "1200000000000000000", "1200000000000000222", null),
            UserId = Ann,
            UserName = "ann",
            Request = new VideoRequest { Prompt = "a fox", DurationSeconds = 6 },
            Seconds = 6,
            CreatedAt = now,
        };
        var created = (await Harness.Store.TryCreateAsync(job, new Core.Quotas.QuotaCheck(new Core.Quotas.QuotaLimits(10, 100, 10), null, null, now.AddDays(-1), now.AddDays(-1)), CancellationToken.None)).Job!;
        await Harness.Store.TryUpdateAsync(created with { State = Core.Jobs.JobState.Succeeded }, new Core.Jobs.UsageEntry(job.Id, "discord", "1200000000000000000", Ann, "ann", 6, "a fox", now), CancellationToken.None);
        var usage = new JsonObject { ["name"] = "usage", ["type"] = 1, ["options"] = new JsonArray(Option("days", 4, 7)) };

        var refused = await SendAsync(Discord.NewInteraction(2, usage.DeepClone().AsObject(), permissions: "2048"));
        var answer = await SendAsync(Discord.NewInteraction(2, usage.DeepClone().AsObject(), permissions: "32"));

        Assert.Equal(64, (int?)refused["data"]!["flags"]);
        Assert.Contains("Only admins", (string?)refused["data"]!["content"], StringComparison.Ordinal);
        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.Contains("1 video(s), 6 s", (string?)answer["data"]!["content"], StringComparison.Ordinal);
        await Testing.Discord.FakeDiscord.WaitUntilAsync(() => Discord.Messages.Values.Any(m => m.Files.Count > 0));
        var upload = Assert.Single(Discord.Messages.Values, m => m.Files.Count > 0);
        Assert.Equal("followup", upload.Via);
        Assert.True(upload.Ephemeral);
        Assert.Equal(["files[0]", "files[1]"], upload.Files.Select(f => f.PartName));
        Assert.Equal(["image/png", "text/csv"], upload.Files.Select(f => f.ContentType));
        Assert.Equal(Testing.Fakes.FakeUsageChartRenderer.Png, upload.Files[0].Content);
        var day = now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture); // the quota zone is UTC here
        Assert.Equal($"date,user_id,user_name,videos,seconds,spend\r\n{day},{Ann},ann,1,6,\r\n", System.Text.Encoding.UTF8.GetString(upload.Files[1].Content));
        Assert.Equal([0, 1], upload.Payload["attachments"]!.AsArray().Select(a => (int)a!["id"]!));
    }
}
