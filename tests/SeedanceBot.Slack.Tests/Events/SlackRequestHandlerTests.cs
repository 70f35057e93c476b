using SeedanceBot.Testing.Time;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Slack;

namespace SeedanceBot.Slack.Tests.Events;

/// <summary>Slash commands and malformed or replayed requests over Socket Mode, through Core, against the fake Slack: admin checks from users.info, refusals shown privately.</summary>
public sealed class SlackRequestHandlerTests : SocketModeRequestTests
{
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
    public async Task Quota_ForAWorkspaceAdmin_Works_ForAMember_IsRefusedPrivately()
    {
        var member = await SendAsync("slash_commands", Slack.NewSlashCommand("/quota", "show " + Bob, userId: Alice));
        var admin = await SendAsync("slash_commands", Slack.NewSlashCommand("/quota", "show " + Bob, userId: Boss));

        Assert.Equal("ephemeral", (string?)member["payload"]!["response_type"]);
        Assert.Contains("Only admins", (string?)member["payload"]!["text"], StringComparison.Ordinal);
        Assert.DoesNotContain("Only admins", (string?)admin["payload"]!["text"], StringComparison.Ordinal);
        Assert.Equal(0, Slack.Requests.Count(r => r.ApiMethod == "users.info"));
    }

    [Fact]
    public async Task Usage_ForAnAdmin_ChartAndCsvUploadedToTheirDirectMessages_ForAMember_IsRefusedPrivately()
    {
        var (job, _) = await DeliveredVideoOfAsync(Boss);

        var member = await SendAsync("slash_commands", Slack.NewSlashCommand("/usage", "7", userId: Alice));
        // The uploads' HTTP pipeline runs on the clock: drive it. The answer is then in the ack or, past the budget, through the response_url.
        var admin = await Harness.Time.DriveAsync(SendAsync("slash_commands", Slack.NewSlashCommand("/usage", "7", userId: Boss)), Step);
        if (admin["payload"] is null)
        {
            await Harness.Time.DriveAsync(FakeSlack.WaitUntilAsync(() => Slack.Responses.Any(r => r.Text.Contains("/usage", StringComparison.Ordinal) || r.Text.Contains("Usage ", StringComparison.Ordinal))), Step);
        }

        Assert.Contains("Only admins", (string?)member["payload"]!["text"], StringComparison.Ordinal);
        var text = (string?)admin["payload"]?["text"] ?? Slack.Responses.Last(r => r.Text.StartsWith("Usage ", StringComparison.Ordinal)).Text;
        Assert.Contains("1 video(s), 4 s", text, StringComparison.Ordinal);
        Assert.Contains("direct messages", text, StringComparison.Ordinal);
        var files = Slack.Files.Values.Where(f => f.Name.StartsWith("usage-", StringComparison.Ordinal)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.True(f.Completed));
        Assert.All(files, f => Assert.Equal("D" + Boss, f.Channel));
        Assert.Equal(Testing.Fakes.FakeUsageChartRenderer.Png, files.Single(f => f.Name.EndsWith(".png", StringComparison.Ordinal)).Content);
        var day = job.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = System.Text.Encoding.UTF8.GetString(files.Single(f => f.Name.EndsWith(".csv", StringComparison.Ordinal)).Content);
        Assert.Matches($"^date,user_id,user_name,videos,seconds,spend\r\n{day},{Boss},[^,]*,1,4,0.60\r\n$", csv);
    }

    [Fact]
    public async Task FirstContact_AnAdminNeverLookedUp_IsAcknowledgedAtOnce_ThenAnsweredThroughTheResponseUrl()
    {
        await using var fresh = await SlackHarness.StartAsync(start: true, knowUsers: false, arrange: slack => slack.Users[Boss] = new FakeSlackUser(Boss, "boss", IsAdmin: true));
        var session = await fresh.Slack.NextSocketSessionAsync();
        var lookup = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fresh.Slack.HoldUsersInfo = lookup;

        // users.info is held unanswered: the acknowledgement cannot have waited for it.
        var first = await session.NextAckAsync(await session.SendEnvelopeAsync("slash_commands", fresh.Slack.NewSlashCommand("/quota", "show " + Bob, userId: Boss)));
        var answeredAtTheAck = fresh.Slack.Responses.Count;
        lookup.SetResult();
        await fresh.Time.DriveAsync(FakeSlack.WaitUntilAsync(() => fresh.Slack.Responses.Count == 1), TimeSpan.FromMilliseconds(100));
        var second = await session.NextAckAsync(await session.SendEnvelopeAsync("slash_commands", fresh.Slack.NewSlashCommand("/quota", "show " + Bob, userId: Boss)));

        Assert.Null(first["payload"]);
        Assert.Equal(0, answeredAtTheAck);
        Assert.Equal("ephemeral", (string?)fresh.Slack.Responses[0].Payload["response_type"]);
        Assert.DoesNotContain("Only admins", fresh.Slack.Responses[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Only admins", (string?)second["payload"]!["text"], StringComparison.Ordinal);
        Assert.Equal(1, fresh.Slack.Requests.Count(r => r.ApiMethod == "users.info"));
    }

    [Fact]
    public async Task FirstContact_IsAcknowledgedAtOnce_AndAReplayStillMakesOneJob()
    {
        await using var fresh = await SlackHarness.StartAsync(start: true, knowUsers: false);
        var session = await fresh.Slack.NextSocketSessionAsync();
        var lookup = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fresh.Slack.HoldUsersInfo = lookup;
        var command = fresh.Slack.NewSlashCommand("/video", "a fox --duration 4", userId: Alice);

        // users.info is held: both are first contacts, acknowledged before anything is looked up, recorded or reserved.
        var first = await session.NextAckAsync(await session.SendEnvelopeAsync("slash_commands", command)).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var replay = await session.NextAckAsync(await session.SendEnvelopeAsync("slash_commands", command)).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        lookup.SetResult();
        await fresh.Time.DriveAsync(FakeSlack.WaitUntilAsync(() => fresh.Slack.Responses.Count == 1 && fresh.Logs.Entries.Any(e => e.EventId.Name == "RequestReplayed")), TimeSpan.FromSeconds(1));

        Assert.Null(first["payload"]);
        Assert.Null(replay["payload"]);
        Assert.Single(fresh.Store.All);
        Assert.StartsWith("Queued as job", Assert.Single(fresh.Slack.Responses).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedVideo_IsRecordedWithItsJob_NotInTheLedgerBeforeIt()
    {
        var session = Session;
        Harness.Store.LedgerStall = _ => new TaskCompletionSource().Task;
        var command = Slack.NewSlashCommand("/video", "a fox --duration 4", userId: Alice);

        // The ledger never answers: an acknowledgement that waited for it would never come. One durable write (the
        // reservation, carrying the request's key) answers the command and tells its replay.
        var first = await session.NextAckAsync(await session.SendEnvelopeAsync("slash_commands", command)).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var replay = await session.NextAckAsync(await session.SendEnvelopeAsync("slash_commands", command)).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.StartsWith("Queued as job", (string?)first["payload"]?["text"], StringComparison.Ordinal);
        Assert.Equal("I already handled this request.", (string?)replay["payload"]?["text"]);
        Assert.Single(Harness.Store.All);
    }

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
    public async Task Video_SameTriggerIdInASecondEnvelope_MakesNoSecondJob()
    {
        var command = Slack.NewSlashCommand("/video", "a fox in the snow --duration 4", userId: Alice);

        await SendAsync("slash_commands", command);
        var replay = await SendAsync("slash_commands", command);

        Assert.Single(Harness.Store.All);
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
        Assert.Empty(Harness.Store.All);
        Assert.DoesNotContain(Slack.Requests, r => r.ApiMethod is "chat.postMessage" or "users.info");
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
        await Session.SendRawAsync(frame);
        if (frame.Contains("\"envelope_id\"", StringComparison.Ordinal))
        {
            await Session.NextAckAsync("e-1");
        }

        var ack = await SendAsync("slash_commands", Slack.NewSlashCommand("/help", string.Empty, userId: Alice));

        Assert.Contains("/video", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
        Assert.Empty(Harness.Store.All);
        Assert.DoesNotContain(Harness.Logs.Entries, e => e.EventId.Name == "SlackRequestFailed");
    }

    [Fact]
    public async Task DeeplyNestedEnvelope_IsStillAcknowledged_AndTheConnectionKeepsServing()
    {
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        await Session.SendRawAsync("{\"envelope_id\":\"e-deep\",\"type\":\"slash_commands\",\"accepts_response_payload\":true,\"payload\":" + nested + "}");

        var deep = await Session.NextAckAsync("e-deep");
        var ack = await SendAsync("slash_commands", Slack.NewSlashCommand("/help", string.Empty, userId: Alice));

        Assert.Null(deep["payload"]);
        Assert.Contains("/video", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Styles_ACatalogueTooLongForOneMessage_ShowsEveryStyle_AcrossMessagesWithinTheLimits()
    {
        Harness.Provider.Styles = [.. Enumerable.Range(1, 700).Select(i => new VideoStyle("style" + i, "Style " + i, "a look of its own, number " + i))];
        await Harness.RefreshStylesAsync();

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
        var big = await Session.SendEnvelopeAsync("slash_commands", command);

        var ack = await SendAsync("slash_commands", Slack.NewSlashCommand("/help", string.Empty, userId: Alice));

        Assert.Contains("/video", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
        Assert.Null(Session.AckedAt(big));
        Assert.Empty(Harness.Store.All);
    }
}
