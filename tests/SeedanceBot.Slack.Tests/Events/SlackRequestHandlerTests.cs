using System.Text.Json.Nodes;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Slack.Tests.Events;

/// <summary>
/// Commands, the /video form and the result buttons over Socket Mode, through Core, against the fake Slack: admin
/// checks from users.info, refusals shown privately (or in the form), and buttons whose state comes from the store.
/// </summary>
public sealed class SlackRequestHandlerTests : IAsyncLifetime
{
    private const string Alice = "U0USER";
    private const string Bob = "U0BOB";
    private const string Boss = "U0BOSS";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);
    private SlackHarness _harness = null!;
    private FakeSocketSession _session = null!;

    private FakeSlack Slack => _harness.Slack;

    public async ValueTask InitializeAsync()
    {
        _harness = await SlackHarness.StartAsync(start: true, arrange: slack =>
        {
            slack.Users[Alice] = new FakeSlackUser(Alice, "alice");
            slack.Users[Bob] = new FakeSlackUser(Bob, "bob");
            slack.Users[Boss] = new FakeSlackUser(Boss, "boss", IsAdmin: true);
        });
        _session = await Slack.NextSocketSessionAsync();
    }

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private async Task<JsonObject> SendAsync(string type, JsonObject payload)
    {
        // The clock stands still here: moving it while Core works would eat the 2-second answer budget.
        var id = await _session.SendEnvelopeAsync(type, payload);
        return await _session.NextAckAsync(id);
    }

    /// <summary>A /video from Alice, generated and delivered: the channel then holds its result card.</summary>
    private async Task<(BotJob Job, FakeSlackMessage Card)> DeliveredVideoAsync()
    {
        var ack = await SendAsync("slash_commands", Slack.NewSlashCommand("/video", "a fox in the snow --duration 4", userId: Alice));
        Assert.Contains("Queued as job", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
        await _harness.Time.DriveAsync(_harness.RunJobsAsync(), Step);
        _harness.Time.Advance(_harness.Provider.GenerationTime + TimeSpan.FromMinutes(5));
        await _harness.Time.DriveAsync(_harness.RunJobsAsync(), Step);
        var job = Assert.Single(_harness.Store.All);
        Assert.Equal(DeliveryState.Delivered, job.Delivery);
        return (job, Slack.MessagesIn("C0CHAN").Single(m => m.ThreadTs is null));
    }

    private async Task ClickAsync(string action, FakeSlackMessage card, string userId)
    {
        var value = (string?)card.Blocks!.Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray()
            .Single(e => (string?)e!["action_id"] == action)!["value"];
        var responses = Slack.Responses.Count;
        await SendAsync("interactive", Slack.NewBlockActions(action, value!, "C0CHAN", card.Ts, userId));
        // The clock stands still: moving it would let the admin lookup's 1.5 s budget run out on a busy machine.
        await FakeSlack.WaitUntilAsync(() => Slack.Responses.Count > responses);
    }

    [Fact]
    public async Task Video_IsQueuedPrivately_ThenStatusAndResultArriveInTheChannel()
    {
        var (job, card) = await DeliveredVideoAsync();

        Assert.Equal("slack", job.Origin.Platform);
        Assert.Equal(FakeSlack.TeamId, job.Origin.WorkspaceId);
        // The video's CDN is not reachable here, so the card links it instead of an upload in the thread.
        Assert.StartsWith("Your video is ready.\n<https://cdn.example.test/", card.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<@", card.Text, StringComparison.Ordinal);
        Assert.Equal(["sb_reroll", "sb_fresh_link", "sb_delete"], card.ActionIds);
        var reply = Slack.MessagesIn("C0CHAN").Single(m => m.ThreadTs == card.Ts);
        Assert.StartsWith($"<@{Alice}> Your video is ready.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VideoWithoutText_OpensTheForm_AndItsSubmissionBecomesTypedOptions()
    {
        var command = Slack.NewSlashCommand("/video", "", channelId: "C0FORM", userId: Alice);

        var ack = await SendAsync("slash_commands", command);
        var view = Assert.Single(Slack.OpenedViews);
        var submitted = await SendAsync("interactive", Submission(view, new JsonObject
        {
            ["prompt"] = Text("a gull over the harbour"),
            ["aspect_ratio"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "9:16" } } },
            ["duration"] = Text("4"),
            ["camera"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "multi_static_select", ["selected_options"] = new JsonArray(new JsonObject { ["value"] = "zoom-in" }, new JsonObject { ["value"] = "pan-left" }) } },
        }));

        Assert.Null(ack["payload"]);
        Assert.Equal("sb_video", (string?)view["callback_id"]);
        Assert.Null(submitted["payload"]);
        var job = Assert.Single(_harness.Store.All);
        Assert.Equal("C0FORM", job.Origin.ChannelId);
        Assert.Equal("a gull over the harbour", job.Request.Prompt);
        Assert.Equal("9:16", job.Request.AspectRatio.ToRatioString());
        Assert.Equal(4, job.Seconds);
        Assert.Equal(new CameraMotion(ZoomDirection.In, PanDirection.Left), job.Request.Camera);
    }

    [Fact]
    public async Task FormWithBadValues_ShowsTheProblemInTheForm_AndMakesNoJob()
    {
        await SendAsync("slash_commands", Slack.NewSlashCommand("/video", "", userId: Alice));
        var view = Assert.Single(Slack.OpenedViews);

        var ack = await SendAsync("interactive", Submission(view, new JsonObject { ["prompt"] = Text("a fox"), ["duration"] = Text("forever") }));

        Assert.Equal("errors", (string?)ack["payload"]!["response_action"]);
        Assert.Contains("'forever' is not a number of seconds", (string?)ack["payload"]!["errors"]!["prompt"], StringComparison.Ordinal);
        Assert.Empty(_harness.Store.All);
    }

    [Fact]
    public async Task FormStoryboard_OneShotPerLine_BecomesScenes()
    {
        await SendAsync("slash_commands", Slack.NewSlashCommand("/video", "", userId: Alice));
        var view = Assert.Single(Slack.OpenedViews);

        await SendAsync("interactive", Submission(view, new JsonObject { ["scenes"] = Text("Wide shot of a harbour [4s]\nClose-up of a gull | taking off [3s]\n") }));

        var job = Assert.Single(_harness.Store.All);
        Assert.Equal(["Wide shot of a harbour", "Close-up of a gull / taking off"], job.Request.Scenes!.Select(s => s.Prompt));
        Assert.Equal(7, job.Seconds);
    }

    [Fact]
    public async Task Quota_ForAWorkspaceAdmin_Works_ForAMember_IsRefusedPrivately()
    {
        var member = await SendAsync("slash_commands", Slack.NewSlashCommand("/quota", "show " + Bob, userId: Alice));
        var admin = await SendAsync("slash_commands", Slack.NewSlashCommand("/quota", "show " + Bob, userId: Boss));

        Assert.Equal("ephemeral", (string?)member["payload"]!["response_type"]);
        Assert.Contains("Only admins", (string?)member["payload"]!["text"], StringComparison.Ordinal);
        Assert.DoesNotContain("Only admins", (string?)admin["payload"]!["text"], StringComparison.Ordinal);
        Assert.Equal(2, Slack.Requests.Count(r => r.ApiMethod == "users.info"));
    }

    [Fact]
    public async Task Delete_BySomeoneElse_IsRefused_ByTheRequester_RemovesCardAndFile()
    {
        var (_, card) = await DeliveredVideoAsync();

        await ClickAsync("sb_delete", card, Bob);
        Assert.Contains("Only the person who asked", Slack.Responses[^1].Text, StringComparison.Ordinal);
        Assert.Contains(card.Ts, Slack.Messages.Keys);

        await ClickAsync("sb_delete", card, Alice);
        Assert.DoesNotContain(card.Ts, Slack.Messages.Keys);
        Assert.Equal("ephemeral", Slack.Responses[^1].ResponseType);
        Assert.Contains("Deleted", Slack.Responses[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ByAWorkspaceAdmin_IsAllowed()
    {
        var (_, card) = await DeliveredVideoAsync();

        await ClickAsync("sb_delete", card, Boss);

        Assert.DoesNotContain(card.Ts, Slack.Messages.Keys);
    }

    [Fact]
    public async Task Reroll_FromTheStoredJob_MakesANewJobForTheClicker_WithANewSeed()
    {
        var (job, card) = await DeliveredVideoAsync();

        await ClickAsync("sb_reroll", card, Bob);

        var reroll = Assert.Single(_harness.Store.All, j => j.Id != job.Id);
        Assert.Equal(Bob, reroll.UserId);
        Assert.Equal(job.Request.Prompt, reroll.Request.Prompt);
        Assert.NotEqual(job.Request.Seed, reroll.Request.Seed);
        Assert.Contains("Queued as job " + reroll.Id, Slack.Responses[^1].Text, StringComparison.Ordinal);
    }

    private static JsonObject Text(string value) => new() { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } };

    private static JsonObject Submission(JsonObject view, JsonObject values) => new()
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = FakeSlack.TeamId },
        ["user"] = new JsonObject { ["id"] = Alice, ["username"] = "alice", ["name"] = "alice" },
        ["view"] = new JsonObject
        {
            ["id"] = "V0FORM",
            ["callback_id"] = (string?)view["callback_id"],
            ["private_metadata"] = (string?)view["private_metadata"],
            ["state"] = new JsonObject { ["values"] = values },
        },
    };

    [Fact]
    public async Task Video_ByAWorkspaceAdmin_IsExempt_WhenAdminsAreExempt()
    {
        await using var exempt = await SlackHarness.StartAsync(new() { ["Quotas:ExemptAdmins"] = "true" }, start: true, arrange: slack => slack.Users[Boss] = new FakeSlackUser(Boss, "boss", IsAdmin: true));
        var session = await exempt.Slack.NextSocketSessionAsync();

        var id = await session.SendEnvelopeAsync("slash_commands", exempt.Slack.NewSlashCommand("/video", "a fox --duration 4", userId: Boss));
        await session.NextAckAsync(id);

        Assert.Equal(ChargeState.Exempt, Assert.Single(exempt.Store.All).Charge);
    }

    [Fact]
    public async Task Delete_OfALinkedResult_AlsoRemovesItsThreadReply()
    {
        var (_, card) = await DeliveredVideoAsync();
        Assert.Single(Slack.MessagesIn("C0CHAN"), m => m.ThreadTs == card.Ts);

        await ClickAsync("sb_delete", card, Alice);

        Assert.Empty(Slack.MessagesIn("C0CHAN"));
    }
}
