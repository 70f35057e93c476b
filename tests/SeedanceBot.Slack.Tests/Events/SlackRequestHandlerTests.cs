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
        var (job, card) = await DeliveredVideoOfAsync(Alice);
        Assert.Single(_harness.Store.All);
        return (job, card);
    }

    /// <summary>A /video from <paramref name="userId"/>, generated and delivered; its result card in C0CHAN.</summary>
    private async Task<(BotJob Job, FakeSlackMessage Card)> DeliveredVideoOfAsync(string userId)
    {
        var ack = await SendAsync("slash_commands", Slack.NewSlashCommand("/video", "a fox in the snow --duration 4", userId: userId));
        Assert.Contains("Queued as job", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
        await _harness.Time.DriveAsync(_harness.RunJobsAsync(), Step);
        _harness.Time.Advance(_harness.Provider.GenerationTime + TimeSpan.FromMinutes(5));
        await _harness.Time.DriveAsync(_harness.RunJobsAsync(), Step);
        var job = _harness.Store.All.Single(j => j.UserId == userId);
        Assert.Equal(DeliveryState.Delivered, job.Delivery);
        return (job, CardOf(job.Id));
    }

    private FakeSlackMessage CardOf(string jobId) =>
        Slack.MessagesIn("C0CHAN").Single(m => m.ThreadTs is null && m.Payload.ToJsonString().Contains("job " + jobId, StringComparison.Ordinal));

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

    [Fact]
    public async Task Delete_ForgedValueNamingAnotherUsersFile_DeletesOnlyTheClickersOwnResult()
    {
        // Alice's uploaded video, somewhere in the workspace.
        Slack.Files["F0VICTIM"] = new FakeSlackFile("F0VICTIM", "seedance-alice.mp4", "alice's video", 1, [0], "C0CHAN", null, null, Completed: true);
        var (bobJob, bobCard) = await DeliveredVideoOfAsync(Bob);
        var responses = Slack.Responses.Count;

        await SendAsync("interactive", Slack.NewBlockActions("sb_delete", bobJob.Id + "|F0VICTIM", "C0CHAN", bobCard.Ts, Bob));
        await FakeSlack.WaitUntilAsync(() => Slack.Responses.Count > responses);

        Assert.Contains("F0VICTIM", Slack.Files.Keys);
        Assert.DoesNotContain(Slack.Requests, r => r.ApiMethod == "files.delete");
        Assert.DoesNotContain(bobCard.Ts, Slack.Messages.Keys);
    }

    [Fact]
    public async Task Delete_OwnJobIdClickedOnAnotherUsersCard_DeletesNothing()
    {
        var (_, aliceCard) = await DeliveredVideoOfAsync(Alice);
        var (bobJob, bobCard) = await DeliveredVideoOfAsync(Bob);
        var responses = Slack.Responses.Count;

        await SendAsync("interactive", Slack.NewBlockActions("sb_delete", bobJob.Id, "C0CHAN", aliceCard.Ts, Bob));
        await FakeSlack.WaitUntilAsync(() => Slack.Responses.Count > responses);

        Assert.Contains(aliceCard.Ts, Slack.Messages.Keys);
        Assert.Contains(bobCard.Ts, Slack.Messages.Keys);
        Assert.DoesNotContain(Slack.Requests, r => r.ApiMethod is "chat.delete" or "files.delete");
        Assert.Equal("ephemeral", Slack.Responses[^1].ResponseType);
        Assert.DoesNotContain("Deleted", Slack.Responses[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ByTheRequester_RemovesExactlyWhatTheResultHandleNames()
    {
        var (job, card) = await DeliveredVideoAsync();
        var reply = Slack.MessagesIn("C0CHAN").Single(m => m.ThreadTs == card.Ts);

        await ClickAsync("sb_delete", card, Alice);

        var deleted = Slack.Requests.Where(r => r.ApiMethod == "chat.delete").Select(r => r.Json?["ts"]?.ToString() ?? r.Form["ts"]).ToList();
        Assert.Equal([reply.Ts, card.Ts], deleted);
        Assert.NotNull(_harness.Store.All.Single(j => j.Id == job.Id).ResultHandle);
    }

    [Fact]
    public async Task Video_SameTriggerIdInASecondEnvelope_MakesNoSecondJob()
    {
        var command = Slack.NewSlashCommand("/video", "a fox in the snow --duration 4", userId: Alice);

        await SendAsync("slash_commands", command);
        var replay = await SendAsync("slash_commands", command);

        Assert.Single(_harness.Store.All);
        Assert.DoesNotContain("Queued as job", (string?)replay["payload"]?["text"] ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("team_id", null)]
    [InlineData("team_id", "")]
    [InlineData("user_id", null)]
    [InlineData("user_id", "")]
    [InlineData("channel_id", null)]
    [InlineData("channel_id", "")]
    [InlineData("user_id", "UH051,<!channel>")]
    [InlineData("user_id", "UH055><!here")]
    [InlineData("user_id", "u0lower")]
    [InlineData("team_id", "T0001|x")]
    [InlineData("team_id", "U0USER")]
    [InlineData("channel_id", "C0CHAN><!channel>")]
    [InlineData("channel_id", "C0CHAN\n")]
    public async Task Video_WithoutAValidWorkspaceUserOrChannel_IsRefusedPrivately_AndNothingIsStoredOrCharged(string field, string? value)
    {
        var command = Slack.NewSlashCommand("/video", "a fox in the snow --duration 4", userId: Alice);
        if (value is null)
        {
            command.Remove(field);
        }
        else
        {
            command[field] = value;
        }

        var ack = await SendAsync("slash_commands", command);

        Assert.Equal("ephemeral", (string?)ack["payload"]!["response_type"]);
        Assert.Contains("workspace, user or channel", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
        Assert.Empty(_harness.Store.All);
        Assert.DoesNotContain(Slack.Requests, r => r.ApiMethod is "chat.postMessage" or "users.info");
    }

    [Fact]
    public async Task Reroll_ByAUserIdCarryingMarkup_MakesNoJob()
    {
        var (_, card) = await DeliveredVideoAsync();
        var value = (string?)card.Blocks!.Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray().Single(e => (string?)e!["action_id"] == "sb_reroll")!["value"];
        var responses = Slack.Responses.Count;

        await SendAsync("interactive", Slack.NewBlockActions("sb_reroll", value!, "C0CHAN", card.Ts, "UH055><!here"));
        await FakeSlack.WaitUntilAsync(() => Slack.Responses.Count > responses);

        Assert.Single(_harness.Store.All);
        Assert.Contains("workspace, user or channel", Slack.Responses[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormSubmission_WithoutItsWorkspace_IsRefusedInTheForm_AndMakesNoJob()
    {
        await SendAsync("slash_commands", Slack.NewSlashCommand("/video", "", userId: Alice));
        var view = Assert.Single(Slack.OpenedViews);
        var submission = Submission(view, new JsonObject { ["prompt"] = Text("a fox") });
        submission.Remove("team");

        var ack = await SendAsync("interactive", submission);

        Assert.Equal("errors", (string?)ack["payload"]!["response_action"]);
        Assert.Empty(_harness.Store.All);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"envelope_id\":\"e-1\",\"type\":\"slash_commands\",\"payload\":\"a string\",\"accepts_response_payload\":true}")]
    [InlineData("{\"envelope_id\":\"e-1\",\"type\":\"slash_commands\",\"payload\":{\"command\":5,\"team_id\":[1]},\"accepts_response_payload\":true}")]
    [InlineData("{\"envelope_id\":\"e-1\",\"type\":\"slash_commands\",\"payload\":{\"command\":null,\"text\":null},\"accepts_response_payload\":true}")]
    [InlineData("{\"envelope_id\":\"e-1\",\"type\":\"interactive\",\"payload\":{\"type\":\"shortcut\"},\"accepts_response_payload\":true}")]
    [InlineData("{\"envelope_id\":\"e-1\",\"type\":\"interactive\",\"payload\":{\"type\":\"block_actions\",\"user\":{\"id\":null},\"actions\":[null]},\"accepts_response_payload\":true}")]
    [InlineData("{\"envelope_id\":\"e-1\",\"type\":\"interactive\",\"payload\":{\"type\":\"view_submission\",\"view\":{\"callback_id\":\"sb_video\",\"private_metadata\":\"{}\"}},\"accepts_response_payload\":true}")]
    [InlineData("{\"envelope_id\":\"e-1\",\"type\":\"surprise\",\"payload\":{},\"accepts_response_payload\":true}")]
    [InlineData("{\"type\":\"slash_commands\",\"payload\":{}}")]
    [InlineData("[1,2,3]")]
    public async Task MalformedFrame_IsAcknowledgedWhenItHasAnId_AndTheConnectionKeepsServing(string frame)
    {
        await _session.SendRawAsync(frame);
        if (frame.Contains("\"envelope_id\"", StringComparison.Ordinal))
        {
            await _session.NextAckAsync("e-1");
        }

        var ack = await SendAsync("slash_commands", Slack.NewSlashCommand("/help", string.Empty, userId: Alice));

        Assert.Contains("/video", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
        Assert.Empty(_harness.Store.All);
        Assert.DoesNotContain(_harness.Logs.Entries, e => e.EventId.Name == "SlackRequestFailed");
    }

    [Fact]
    public async Task DeeplyNestedEnvelope_IsStillAcknowledged_AndTheConnectionKeepsServing()
    {
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        await _session.SendRawAsync("{\"envelope_id\":\"e-deep\",\"type\":\"slash_commands\",\"accepts_response_payload\":true,\"payload\":" + nested + "}");

        var deep = await _session.NextAckAsync("e-deep");
        var ack = await SendAsync("slash_commands", Slack.NewSlashCommand("/help", string.Empty, userId: Alice));

        Assert.Null(deep["payload"]);
        Assert.Contains("/video", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Styles_ACatalogueTooLongForOneMessage_ShowsEveryStyle_AcrossMessagesWithinTheLimits()
    {
        _harness.Provider.Styles = [.. Enumerable.Range(1, 700).Select(i => new VideoStyle("style" + i, "Style " + i, "a look of its own, number " + i))];

        var ack = await SendAsync("slash_commands", Slack.NewSlashCommand("/styles", string.Empty, userId: Alice));
        await FakeSlack.WaitUntilAsync(() => Slack.Responses.Count > 0 && Slack.Responses[^1].Payload.ToJsonString().Contains("style700", StringComparison.Ordinal));

        var messages = new[] { ack["payload"]!.AsObject() }.Concat(Slack.Responses.Select(r => r.Payload)).ToList();
        Assert.InRange(messages.Count, 2, 5);
        Assert.Contains("700 styles", (string?)messages[0]["text"], StringComparison.Ordinal);
        Assert.All(messages, m => Assert.InRange(m["blocks"]!.AsArray().Count, 1, 50));
        Assert.All(messages, m => Assert.Equal("ephemeral", (string?)m["response_type"]));
        var shown = string.Join('\n', messages.Select(m => m.ToJsonString()));
        Assert.All(Enumerable.Range(1, 700), i => Assert.Contains($"*style{i}*", shown, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OversizedFrame_IsDropped_AndTheConnectionKeepsServing()
    {
        var command = Slack.NewSlashCommand("/video", new string('a', 2 * 1024 * 1024), userId: Alice);
        var big = await _session.SendEnvelopeAsync("slash_commands", command);

        var ack = await SendAsync("slash_commands", Slack.NewSlashCommand("/help", string.Empty, userId: Alice));

        Assert.Contains("/video", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
        Assert.Null(_session.AckedAt(big));
        Assert.Empty(_harness.Store.All);
    }
}
