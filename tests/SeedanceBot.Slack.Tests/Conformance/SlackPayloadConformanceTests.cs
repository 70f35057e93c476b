using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Delivery;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;
using SeedanceBot.Slack.Adapter;
using SeedanceBot.Slack.Events;
using SeedanceBot.Slack.WebApi;
using SeedanceBot.Testing.Conformance;
using SeedanceBot.Testing.Http;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Slack.Tests.Conformance;

/// <summary>
/// Drives the bot through every kind of payload it sends Slack (messages, updates, ephemeral messages, views,
/// response_url posts, uploads, Socket Mode acknowledgements and HTTP acknowledgements) and checks that each kind was
/// seen and that none broke Slack's documented limits (<see cref="SlackConformance"/>; the fake refuses a broken call as
/// Slack does and records it).
/// </summary>
public sealed class SlackPayloadConformanceTests
{
    private const string Alice = "U0USER";
    private const string Bob = "U0BOB";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);
    private static readonly byte[] Video = [.. Enumerable.Range(0, 4096).Select(i => (byte)i)];

    [Fact]
    public async Task SocketMode_EveryCommandFormAndButton_FollowsSlacksRules()
    {
        await using var harness = await SlackHarness.StartAsync(start: true, arrange: slack =>
        {
            slack.Users[Alice] = new FakeSlackUser(Alice, "alice");
            slack.Users[Bob] = new FakeSlackUser(Bob, "bob");
        });
        var slack = harness.Slack;
        var session = await slack.NextSocketSessionAsync();
        harness.Provider.Styles = [.. Enumerable.Range(1, 40).Select(i => new VideoStyle($"style-{i:00}", $"Style {i}", new string('d', 400)))];
        await harness.RefreshStylesAsync();

        async Task<JsonObject> SendAsync(string type, JsonObject payload) => await session.NextAckAsync(await session.SendEnvelopeAsync(type, payload));

        await SendAsync("slash_commands", slack.NewSlashCommand("/help", string.Empty, userId: Alice));
        await SendAsync("slash_commands", slack.NewSlashCommand("/styles", string.Empty, userId: Alice));
        await SendAsync("slash_commands", slack.NewSlashCommand("/quota", "show " + Bob, userId: Alice));
        await SendAsync("slash_commands", slack.NewSlashCommand("/video", "a fox --duration 99", userId: Alice));
        await SendAsync("slash_commands", slack.NewSlashCommand("/video", string.Empty, userId: Alice));
        var view = Assert.Single(slack.OpenedViews);
        await SendAsync("interactive", Submission(view, new JsonObject { ["prompt"] = Text("a fox"), ["duration"] = Text("forever") }));
        await SendAsync("interactive", Submission(view, new JsonObject { ["prompt"] = Text("a gull over the harbour"), ["duration"] = Text("4") }));
        await SendAsync("events_api", new JsonObject { ["type"] = "event_callback", ["event_id"] = "Ev1", ["event"] = new JsonObject { ["type"] = "app_mention" } });

        // The job runs: a status message, its edits, the result card and the reply in its thread.
        await harness.Time.DriveAsync(harness.RunJobsAsync(), Step);
        harness.Time.Advance(harness.Provider.GenerationTime + TimeSpan.FromMinutes(5));
        await harness.Time.DriveAsync(harness.RunJobsAsync(), Step);
        var card = slack.MessagesIn("C0CHAN").Single(m => m.ThreadTs is null && m.ActionIds.Count > 0);
        foreach (var (action, user) in new[] { ("sb_reroll", Bob), ("sb_fresh_link", Alice), ("sb_delete", Bob), ("sb_delete", Alice) })
        {
            var value = (string?)card.Blocks!.Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray().Single(e => (string?)e!["action_id"] == action)!["value"];
            var responses = slack.Responses.Count;
            await SendAsync("interactive", slack.NewBlockActions(action, value!, "C0CHAN", card.Ts, user));
            await FakeSlack.WaitUntilAsync(() => slack.Responses.Count > responses);
        }

        // An ephemeral message as the bot renders one (the adapter has no caller of chat.postEphemeral yet).
        await harness.Get<ISlackWebApi>().PostEphemeralAsync("C0CHAN", Alice, SlackMessages.Render(ChatMessage.Private("Only you can see this.")), CancellationToken.None);

        AssertConforms(slack, harness.Answers,
            "chat.postMessage", "chat.update", "chat.postEphemeral", "chat.delete", "views.open", "response_url",
            "ack slash_commands payload", "ack slash_commands bare", "ack view_submission payload", "ack view_submission bare", "ack block_actions bare", "ack events_api bare");
    }

    [Fact]
    public async Task Deliveries_UploadsThreadsAndFallbacks_FollowSlacksRules()
    {
        await using var harness = await SlackHarness.StartAsync();
        await using var media = await StubHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = "video/mp4";
            context.Response.ContentLength = Video.Length;
            await context.Response.Body.WriteAsync(Video);
        });
        var platform = harness.Get<IEnumerable<IChatPlatform>>().Single(p => p.Name == "slack");
        harness.Slack.ChannelsWithoutBot.Add("G0PRIVATE");

        foreach (var (channel, id, prompt) in new[] { ("C0CHAN", "k7m2qx9p", "a fox <!channel> *bold*"), ("G0PRIVATE", "p4q8rs2t", "a cat") })
        {
            var job = NewJob(harness, media, channel, id, prompt);
            var status = await harness.Time.DriveAsync(platform.ShowStatusAsync(job, JobMessages.Status(job with { State = JobState.Running }, harness.Time.GetUtcNow()), CancellationToken.None), Step);
            job = job with { StatusMessageId = status };
            await harness.Time.DriveAsync(platform.ShowStatusAsync(job, JobMessages.Status(job with { State = JobState.Running, Progress = 60 }, harness.Time.GetUtcNow()), CancellationToken.None), Step);
            await harness.Time.DriveAsync(platform.DeliverAsync(job, JobMessages.Delivery(job, harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None), Step);
        }

        // The biggest result card: ten 2,000-character shots and every option (eleven fields).
        var biggest = NewJob(harness, media, "C0CHAN", "b1g2c3d4", "unused") with { Request = new VideoRequest
        {
            Scenes = [.. Enumerable.Range(1, 10).Select(i => new VideoScene($"Shot {i}: " + new string('w', 1990), 3))],
            Style = "a-style-with-a-long-name",
            Seed = 4294967295,
            Camera = new CameraMotion(ZoomDirection.In, PanDirection.Left, TiltDirection.Up),
            Motion = MotionLevel.High,
        }, Seconds = 30, UserName = new string('n', 80) };
        await harness.Time.DriveAsync(platform.DeliverAsync(biggest, JobMessages.Delivery(biggest, harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None), Step);

        var failed = NewJob(harness, media, "C0CHAN", "f3g4h5j6", "a failure") with { State = JobState.Failed, VideoUrl = null, Failure = "The prompt was refused by moderation." };
        await harness.Time.DriveAsync(platform.DeliverAsync(failed, JobMessages.Delivery(failed, harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None), Step);

        AssertConforms(harness.Slack, harness.Answers,
            "chat.postMessage", "chat.update", "files.getUploadURLExternal", "upload", "files.completeUploadExternal", "conversations.open", "response_url");
    }

    [Fact]
    public async Task Http_EveryAcknowledgementBody_FollowsSlacksRules()
    {
        await using var harness = await SlackHarness.StartAsync(new() { ["Slack:Mode"] = "Http" }, start: true, arrange: slack => slack.Users[Alice] = new FakeSlackUser(Alice, "alice"));
        var slack = harness.Slack;

        async Task PostAsync(string path, string body)
        {
            var timestamp = harness.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var bytes = Encoding.UTF8.GetBytes(body);
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", new SlackSignature(SlackHarness.SigningSecret, TimeSpan.FromMinutes(5), harness.Time).Sign(timestamp, bytes));
            using var response = await harness.Http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        static string Form(JsonObject payload) => string.Join('&', payload.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString((string?)p.Value ?? string.Empty)));
        static string Interaction(JsonObject payload) => "payload=" + Uri.EscapeDataString(payload.ToJsonString());

        await PostAsync(SlackEndpoints.CommandsPath, Form(slack.NewSlashCommand("/help", string.Empty, userId: Alice)));
        await PostAsync(SlackEndpoints.CommandsPath, Form(slack.NewSlashCommand("/video", "a fox --duration 4", userId: Alice)));
        await PostAsync(SlackEndpoints.CommandsPath, Form(slack.NewSlashCommand("/video", "a fox --duration 99", userId: Alice)));
        await PostAsync(SlackEndpoints.CommandsPath, Form(slack.NewSlashCommand("/video", string.Empty, userId: Alice)));
        var view = Assert.Single(slack.OpenedViews);
        await PostAsync(SlackEndpoints.InteractionsPath, Interaction(Submission(view, new JsonObject { ["prompt"] = Text("a fox"), ["duration"] = Text("forever") })));
        await PostAsync(SlackEndpoints.InteractionsPath, Interaction(slack.NewBlockActions(SlackMessages.ActionPrefix + ChatAction.Reroll, "nojob123", "C0CHAN", "1773568800.000001", Alice)));
        await FakeSlack.WaitUntilAsync(() => slack.Responses.Count > 0);

        Assert.Equal(6, harness.Answers.Checked);
        AssertConforms(slack, harness.Answers, "views.open", "response_url");
    }

    /// <summary>Every payload the fake and the bot's HTTP answers saw conforms, and each of <paramref name="kinds"/> was among them.</summary>
    private static void AssertConforms(FakeSlack slack, AnswerConformance answers, params string[] kinds)
    {
        var seen = slack.Requests.Select(KindOf)
            .Concat(slack.SocketSessions.SelectMany(AcksOf))
            .Where(k => k.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Empty(slack.Violations);
        Assert.Empty(answers.Violations);
        Assert.All(kinds, kind => Assert.True(seen.Contains(kind), $"no '{kind}' was sent; seen: {string.Join(", ", seen.Order(StringComparer.Ordinal))}"));
    }

    private static string KindOf(FakeSlackRequest request) =>
        request.ApiMethod ?? (request.Path.StartsWith("/upload/", StringComparison.Ordinal) ? "upload"
            : request.Path.StartsWith("/commands/", StringComparison.Ordinal) || request.Path.StartsWith("/actions/", StringComparison.Ordinal) ? "response_url"
            : string.Empty);

    /// <summary>"ack {what it acknowledged} payload|bare" for each acknowledgement on <paramref name="session"/>.</summary>
    private static IEnumerable<string> AcksOf(FakeSocketSession session) =>
        session.Sent.Select(ack => (Ack: ack, Envelope: session.Envelope((string?)ack["envelope_id"] ?? string.Empty)))
            .Where(x => x.Envelope is not null)
            .Select(x => $"ack {x.Envelope} {(x.Ack["payload"] is JsonObject { Count: > 0 } ? "payload" : "bare")}");

    private static BotJob NewJob(SlackHarness harness, StubHttpServer media, string channel, string id, string prompt)
    {
        var now = harness.Time.GetUtcNow();
        return new BotJob
        {
            Id = id,
            Origin = new ChatOrigin("slack", FakeSlack.TeamId, channel),
            UserId = Alice,
            Request = new VideoRequest { Prompt = prompt, DurationSeconds = 5, Seed = 42, Style = "anime" },
            Seconds = 5,
            CreatedAt = now,
            State = JobState.Succeeded,
            FinishedAt = now,
            VideoUrl = new Uri(media.BaseAddress, "video.mp4"),
            ReplyContext = new SlackReplyContext(new Uri(harness.Slack.NewResponseUrl(channel, Alice)), now).Serialize(),
        };
    }

    private static JsonObject Text(string value) => Events.SocketModeRequestTests.Text(value);

    private static JsonObject Submission(JsonObject view, JsonObject values) => Events.SocketModeRequestTests.Submission(view, values);
}
