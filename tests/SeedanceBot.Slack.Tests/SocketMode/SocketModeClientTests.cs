using System.Net.WebSockets;
using System.Text.Json.Nodes;
using SeedanceBot.Slack.SocketMode;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Slack.Tests.SocketMode;

/// <summary>
/// The Socket Mode client over a real WebSocket against the fake Slack: hello, acknowledgements (shape and timing),
/// refresh without losing a command, reconnects with a fresh URL, redelivery, and the cases where it must stop.
/// </summary>
public sealed class SocketModeClientTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Connect_OpensAFreshUrlWithTheAppToken_AndAcksACommandWithItsAnswer()
    {
        await using var h = await SlackHarness.StartAsync(start: true);
        var session = await h.Slack.NextSocketSessionAsync();

        var id = await session.SendEnvelopeAsync("slash_commands", h.Slack.NewSlashCommand("/help", ""));
        var ack = await session.NextAckAsync(id);

        var open = Assert.Single(h.Slack.Requests, r => r.ApiMethod == "apps.connections.open");
        Assert.Equal("Bearer " + FakeSlack.AppToken, open.Authorization);
        Assert.Equal(id, (string?)ack["envelope_id"]);
        Assert.Contains("/video", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
        Assert.Equal(h.Time.GetUtcNow(), session.AckedAt(id));
    }

    [Fact]
    public async Task Button_IsAcknowledgedWithTheBareEnvelopeId()
    {
        await using var h = await SlackHarness.StartAsync(start: true);
        var session = await h.Slack.NextSocketSessionAsync();

        var id = await session.SendEnvelopeAsync("interactive", h.Slack.NewBlockActions("sb_fresh_link", "nojob", "C0CHAN", "1700000000.000100"));
        await session.NextAckAsync(id);

        Assert.Contains($$"""{"envelope_id":"{{id}}"}""", session.SentText);
        await FakeSlack.WaitUntilAsync(() => h.Slack.Responses.Count == 1);
        Assert.Contains("no longer known", h.Slack.Responses[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowStore_AcksWithinThreeSeconds_ThenAnswersThroughTheResponseUrl()
    {
        await using var h = await SlackHarness.StartAsync(start: true);
        h.Store.Stall = ct => Task.Delay(TimeSpan.FromSeconds(20), h.Time, ct);
        var session = await h.Slack.NextSocketSessionAsync();

        var id = await session.SendEnvelopeAsync("slash_commands", h.Slack.NewSlashCommand("/balance", ""));
        // Small steps: the ack's fake-clock time should show the bot's deadline, not the driver's stride.
        var ack = await h.Time.DriveAsync(session.NextAckAsync(id), TimeSpan.FromMilliseconds(20));

        var ackedAfter = Assert.Single(h.Connections.Sent, s => s.Json.Contains(id, StringComparison.Ordinal)).At
            - Assert.Single(h.Connections.Received, r => r.Json.Contains(id, StringComparison.Ordinal)).At;
        Assert.True(ackedAfter <= TimeSpan.FromSeconds(3), $"acked after {ackedAfter}");
        Assert.Null(ack["payload"]);
        await h.Time.DriveAsync(FakeSlack.WaitUntilAsync(() => h.Slack.Responses.Count == 1), Step);
        var answer = h.Slack.Responses[0];
        Assert.StartsWith("Your video quota", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Videos left today", answer.Payload["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(false, (bool?)answer.Payload["replace_original"]);
    }

    [Theory]
    [InlineData("refresh_requested")]
    [InlineData("warning")]
    [InlineData("a_reason_not_yet_documented")]
    public async Task Disconnect_OpensTheReplacementFirst_AndTheOldConnectionStillAnswers(string reason)
    {
        await using var h = await SlackHarness.StartAsync(start: true);
        var first = await h.Slack.NextSocketSessionAsync();
        h.Slack.AutoHello = false;

        await first.SendDisconnectAsync(reason);
        var second = await h.Slack.NextSocketSessionAsync();
        // The replacement has not said hello yet: a command still arriving on the old connection is answered there.
        var onOld = await first.SendEnvelopeAsync("slash_commands", h.Slack.NewSlashCommand("/help", ""));
        var oldAck = await first.NextAckAsync(onOld);
        await second.SendHelloAsync();
        await first.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var onNew = await second.SendEnvelopeAsync("slash_commands", h.Slack.NewSlashCommand("/help", ""));
        var newAck = await second.NextAckAsync(onNew);

        Assert.NotNull(oldAck["payload"]);
        Assert.NotNull(newAck["payload"]);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, first.ClientCloseStatus);
        Assert.Equal(2, h.Slack.ConnectionsOpened);
        Assert.NotEqual(first.Query, second.Query);
    }

    [Fact]
    public async Task DroppedSocket_ReconnectsWithBackoffAndAFreshUrl()
    {
        await using var h = await SlackHarness.StartAsync(start: true);
        var first = await h.Slack.NextSocketSessionAsync();
        h.Get<SocketModeClient>().Jitter = () => 0;
        var droppedAt = h.Time.GetUtcNow();

        first.Abort();
        var second = await h.Time.DriveAsync(h.Slack.NextSocketSessionAsync(), Step);

        var opens = h.Slack.Requests.Where(r => r.ApiMethod == "apps.connections.open").ToList();
        Assert.Equal(2, opens.Count);
        // First failure: half of the 1 s base (jitter 0), measured from when the drop was noticed.
        Assert.True(opens[1].At - droppedAt >= TimeSpan.FromSeconds(0.5));
        Assert.Contains(h.Logs.Entries, e => e.EventId.Name == "SlackSocketReconnecting" && e.Message.Contains("in 500 ms", StringComparison.Ordinal));
        Assert.NotEqual(first.Query, second.Query);
        var id = await second.SendEnvelopeAsync("slash_commands", h.Slack.NewSlashCommand("/help", ""));
        Assert.NotNull((await second.NextAckAsync(id))["payload"]);
    }

    [Fact]
    public async Task RepeatedFailures_BackOffExponentially()
    {
        await using var h = await SlackHarness.StartAsync(start: true, arrange: slack => slack.FailNext("apps.connections.open", "internal_error", 6));
        h.Get<SocketModeClient>().Jitter = () => 0.999;

        await h.Time.DriveAsync(h.Slack.NextSocketSessionAsync(), Step);

        var opens = h.Slack.Requests.Where(r => r.ApiMethod == "apps.connections.open").Select(r => r.At).ToList();
        var gaps = opens.Zip(opens.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        var waits = h.Logs.Entries.Where(e => e.EventId.Name == "SlackSocketReconnecting").Select(e => e.Message).ToList();
        Assert.Equal(7, opens.Count);
        // The waits the client chose double (the first may have been drawn before the test fixed the jitter)...
        Assert.Equal(
            ["in 1999 ms (failures in a row: 2)", "in 3998 ms (failures in a row: 3)", "in 7996 ms (failures in a row: 4)", "in 15992 ms (failures in a row: 5)", "in 31984 ms (failures in a row: 6)"],
            waits.Skip(1).Select(w => w[w.IndexOf("in ", StringComparison.Ordinal)..]));
        // ...and each next attempt really waited that long on the clock (the driver may add steps while a request is on the wire).
        Assert.InRange(gaps[0], 0.5, double.MaxValue);
        Assert.All(gaps.Skip(1).Zip(new[] { 1.999, 3.998, 7.996, 15.992, 31.984 }), g => Assert.True(g.First >= g.Second, $"waited {g.First} s, less than {g.Second} s"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LinkDisabled_StopsWithAClearLog_AndDoesNotReconnect(bool afterHello)
    {
        await using var h = await SlackHarness.StartAsync(start: true, arrange: slack => slack.AutoHello = afterHello);
        var session = await h.Slack.NextSocketSessionAsync();

        await session.SendDisconnectAsync("link_disabled");
        var client = h.Get<SocketModeClient>();
        await FakeSlack.WaitUntilAsync(() => client.Status == SocketModeStatus.Stopped);
        h.Time.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(100, TestContext.Current.CancellationToken);

        Assert.Equal(1, h.Slack.ConnectionsOpened);
        var log = Assert.Single(h.Logs.Entries, e => e.EventId.Name == "SlackSocketDisabled");
        Assert.Contains("Slack:Mode=Http", log.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Logs.Entries, e => e.EventId.Name == "SlackSocketNoHello");
    }

    [Fact]
    public async Task RefusedAppToken_StopsWithoutLooping_AndNamesTheKey()
    {
        await using var h = await SlackHarness.StartAsync(start: true, arrange: slack => slack.FailNext("apps.connections.open", "invalid_auth"));
        var client = h.Get<SocketModeClient>();

        await FakeSlack.WaitUntilAsync(() => client.Status == SocketModeStatus.Stopped);
        h.Time.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(100, TestContext.Current.CancellationToken);

        Assert.Single(h.Slack.Requests, r => r.ApiMethod == "apps.connections.open");
        var log = Assert.Single(h.Logs.Entries, e => e.EventId.Name == "SlackSocketFatal");
        Assert.Contains("Slack:AppToken", log.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSlack.AppToken, h.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedeliveredEnvelope_IsAcknowledgedAgain_ButHandledOnce()
    {
        await using var h = await SlackHarness.StartAsync(start: true);
        var session = await h.Slack.NextSocketSessionAsync();
        var command = h.Slack.NewSlashCommand("/video", "a fox in the snow --duration 4");

        var id = await session.SendEnvelopeAsync("slash_commands", command);
        var first = await session.NextAckAsync(id);
        await session.SendEnvelopeAsync("slash_commands", command, retryAttempt: 1, envelopeId: id);
        await FakeSlack.WaitUntilAsync(() => session.Sent.Count(a => (string?)a["envelope_id"] == id) == 2);

        Assert.Contains("Queued as job", (string?)first["payload"]!["text"], StringComparison.Ordinal);
        Assert.Single(h.Store.All);
        Assert.Contains(h.Logs.Entries, e => e.EventId.Name == "SlackEnvelopeRedelivered");
    }

    [Fact]
    public async Task EventRetries_WithTheSameEventId_AreDeduplicated()
    {
        await using var h = await SlackHarness.StartAsync(start: true);
        var session = await h.Slack.NextSocketSessionAsync();
        var @event = new JsonObject { ["event_id"] = "Ev123", ["type"] = "event_callback", ["event"] = new JsonObject { ["type"] = "app_mention" } };

        var first = await session.SendEnvelopeAsync("events_api", @event);
        var retry = await session.SendEnvelopeAsync("events_api", (JsonObject)@event.DeepClone(), retryAttempt: 1);
        await session.NextAckAsync(first);
        await session.NextAckAsync(retry);

        Assert.Single(h.Logs.Entries, e => e.EventId.Name == "SlackEnvelopeRedelivered");
    }

    [Fact]
    public async Task TooManyWebsockets_ClosesWhatIsOpen_AndBacksOffBeforeReconnecting()
    {
        await using var h = await SlackHarness.StartAsync(start: true);
        var first = await h.Slack.NextSocketSessionAsync();
        h.Get<SocketModeClient>().Jitter = () => 0;
        var at = h.Time.GetUtcNow();

        await first.SendDisconnectAsync("too_many_websockets");
        await first.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var second = await h.Time.DriveAsync(h.Slack.NextSocketSessionAsync(), Step);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, first.ClientCloseStatus);
        Assert.True(h.Slack.Requests.Where(r => r.ApiMethod == "apps.connections.open").Last().At - at >= TimeSpan.FromSeconds(0.5));
        Assert.NotEqual(first.Query, second.Query);
    }

    [Fact]
    public async Task Refresh_WhileACommandIsSlow_DoesNotCancelIt_TheAnswerStillArrives()
    {
        await using var h = await SlackHarness.StartAsync(start: true);
        h.Store.Stall = ct => Task.Delay(TimeSpan.FromSeconds(20), h.Time, ct);
        var first = await h.Slack.NextSocketSessionAsync();

        var id = await first.SendEnvelopeAsync("slash_commands", h.Slack.NewSlashCommand("/balance", ""));
        await h.Time.DriveAsync(first.NextAckAsync(id), Step);
        await first.SendDisconnectAsync("refresh_requested");
        await h.Slack.NextSocketSessionAsync();
        await h.Time.DriveAsync(first.Closed.Task, Step);
        await h.Time.DriveAsync(FakeSlack.WaitUntilAsync(() => h.Slack.Responses.Count == 1), Step);

        Assert.StartsWith("Your video quota", h.Slack.Responses[0].Text, StringComparison.Ordinal);
    }
}
