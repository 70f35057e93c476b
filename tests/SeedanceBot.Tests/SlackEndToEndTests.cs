using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Tests;

/// <summary>
/// The whole bot with Slack configured, against the fake Slack and the simulator on one fake clock: /video from the
/// Socket Mode connection (and from the signed HTTP endpoint) through Core and the simulator to an MP4 uploaded into the
/// status message's thread on the fake Web API.
/// </summary>
public sealed class SlackEndToEndTests
{
    private const string Channel = "C0CHAN";
    private const string Alice = "U0USER";
    private const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    private static Dictionary<string, string> Settings(FakeSlack slack) => new()
    {
        ["Slack:BotToken"] = FakeSlack.BotToken,
        ["Slack:AppToken"] = FakeSlack.AppToken,
        ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
    };

    /// <summary>The bot on a Socket Mode connection of a fake Slack, on <c>provider</c>'s fake, all on one fake clock.</summary>
    private sealed class SocketBot : IAsyncDisposable
    {
        private SocketBot(FakeSlack slack, SeedanceBot.Testing.ModelArk.FakeModelArk? ark, BotHost host, FakeSocketSession session) => (Slack, Ark, Host, Session) = (slack, ark, host, session);

        public FakeSlack Slack { get; }

        public SeedanceBot.Testing.ModelArk.FakeModelArk? Ark { get; }

        public BotHost Host { get; }

        public FakeSocketSession Session { get; }

        public static async Task<SocketBot> StartAsync(string provider, bool files = false)
        {
            var time = FakeClock.Create();
            var slack = await FakeSlack.StartAsync(time);
            var settings = Settings(slack);
            if (files)
            {
                settings["Slack:ExtraFileHosts:0"] = slack.FilesHost;
            }

            var ark = await ProviderEndToEndTests.UseProviderAsync(provider, time, settings);
            var host = await BotHost.StartAsync(settings: settings, clock: time);
            return new SocketBot(slack, ark, host, await slack.NextSocketSessionAsync());
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            if (Ark is not null)
            {
                await Ark.DisposeAsync();
            }

            await Slack.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(ProviderEndToEndTests.Providers), MemberType = typeof(ProviderEndToEndTests))]
    public async Task Video_FromSocketMode_EndsAsAnMp4InTheStatusThread_MentioningOnlyTheRequester(string provider)
    {
        await using var bot = await SocketBot.StartAsync(provider);
        var (slack, ark, host, session) = (bot.Slack, bot.Ark, bot.Host, bot.Session);

        var id = await session.SendEnvelopeAsync("slash_commands", slack.NewSlashCommand("/video", "<!channel> @here a fox walking through a snowy forest --duration 4", Channel, Alice));
        var ack = await session.NextAckAsync(id);
        await host.RunUntilAsync(() => Task.FromResult(slack.Files.Values.Any(f => f.Completed)));
        await host.RunUntilAsync(() => Task.FromResult(slack.MessagesIn(Channel).Any(m => m.ThreadTs is null && m.ActionIds.Count == 4)));

        // Alice is new to the bot: acknowledged at once, answered through the response_url after users.info.
        Assert.Null(ack["payload"]);
        var queued = Assert.Single(slack.Responses);
        Assert.Equal("ephemeral", (string?)queued.Payload["response_type"]);
        Assert.StartsWith("Queued as job", queued.Text, StringComparison.Ordinal);
        var file = Assert.Single(slack.Files.Values);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(file.Content, 4, 4));
        var card = slack.MessagesIn(Channel).Single(m => m.ThreadTs is null);
        Assert.Equal(card.Ts, file.ThreadTs);
        Assert.StartsWith($"<@{Alice}> Your video is ready.", file.InitialComment, StringComparison.Ordinal);
        var everything = string.Join('\n', slack.MessagesIn(Channel).Select(m => m.Payload.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })).Append(file.InitialComment));
        Assert.DoesNotContain("<!channel>", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("@here", everything, StringComparison.Ordinal);
        Assert.Equal(provider == ProviderEndToEndTests.ModelArk ? 0 : 1, host.Simulator.Jobs.Count);
        Assert.Equal(provider == ProviderEndToEndTests.ModelArk ? 1 : 0, ark?.Tasks.Count ?? 0);
    }

    [Theory]
    [MemberData(nameof(ProviderEndToEndTests.Providers), MemberType = typeof(ProviderEndToEndTests))]
    public async Task VideoForm_WithAFirstFrameFile_SendsItToTheApiInItsRole_AndIsDelivered(string provider)
    {
        await using var bot = await SocketBot.StartAsync(provider, files: true);
        var (slack, ark, host, session) = (bot.Slack, bot.Ark, bot.Host, bot.Session);
        await session.NextAckAsync(await session.SendEnvelopeAsync("slash_commands", slack.NewSlashCommand("/video", string.Empty, Channel, Alice)));
        await FakeSlack.WaitUntilAsync(() => slack.OpenedViews.Any(v => (string?)v["callback_id"] == "sb_video"));
        var form = slack.OpenedViews.Single(v => (string?)v["callback_id"] == "sb_video");
        var png = SeedanceBot.Testing.Images.TestImages.Png(640, 360);

        await session.NextAckAsync(await session.SendEnvelopeAsync("interactive", Submission(form, new JsonObject
        {
            ["prompt"] = Text("the fox turns its head"),
            ["image"] = FakeSlack.FileInputValue(slack.UserFile("fox.png", "image/png", png)),
        })));
        await host.RunUntilAsync(() => Task.FromResult(slack.Files.Values.Any(f => f.Completed)));

        if (ark is null)
        {
            var image = Assert.Single(JsonNode.Parse(Assert.Single(host.Simulator.Jobs).RequestJson)!["images"]!.AsArray());
            Assert.Equal("first_frame", (string?)image!["role"]);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), (string?)image["sha256"]);
        }
        else
        {
            var image = Assert.Single(Assert.Single(ark.Tasks).Request["content"]!.AsArray(), c => (string?)c!["type"] == "image_url");
            Assert.Equal("first_frame", (string?)image!["role"]);
            Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), (string?)image["image_url"]!["url"]);
        }
    }

    private static JsonObject Text(string value) => FakeSlack.TextValue(value);

    private static JsonObject Submission(JsonObject view, JsonObject values) => FakeSlack.NewViewSubmission(view, values, Alice);

    [Theory]
    [MemberData(nameof(ProviderEndToEndTests.Providers), MemberType = typeof(ProviderEndToEndTests))]
    public async Task Continue_OnAResult_OpensItsForm_AndTheNextTaskStartsOnTheFirstTasksLastFrame(string provider)
    {
        await using var bot = await SocketBot.StartAsync(provider);
        var (slack, ark, host, session) = (bot.Slack, bot.Ark, bot.Host, bot.Session);
        await session.NextAckAsync(await session.SendEnvelopeAsync("slash_commands", slack.NewSlashCommand("/video", "a fox walking through a snowy forest --duration 4", Channel, Alice)));
        await host.RunUntilAsync(() => Task.FromResult(slack.MessagesIn(Channel).Any(m => m.ThreadTs is null && m.ActionIds.Contains("sb_continue"))));
        var card = slack.MessagesIn(Channel).Single(m => m.ThreadTs is null);
        var jobId = card.Blocks!.SelectMany(b => b!["elements"] as JsonArray ?? [])
            .Select(e => e!.AsObject()).Single(e => (string?)e["action_id"] == "sb_continue")["value"]!.GetValue<string>();

        await session.NextAckAsync(await session.SendEnvelopeAsync("interactive", slack.NewBlockActions("sb_continue", jobId, Channel, card.Ts, Alice)));
        await FakeSlack.WaitUntilAsync(() => slack.OpenedViews.Any(v => (string?)v["callback_id"] == "sb_continue"));
        var form = slack.OpenedViews.Single(v => (string?)v["callback_id"] == "sb_continue");
        var submission = Submission(form, new JsonObject { ["prompt"] = Text("the fox leaps over a frozen stream") });
        var ack = await session.NextAckAsync(await session.SendEnvelopeAsync("interactive", submission));
        await host.RunUntilAsync(() => Task.FromResult(slack.Files.Values.Count(f => f.Completed) == 2));

        Assert.Null(ack["payload"]);
        var second = slack.Files.Values.Where(f => f.Completed).OrderBy(f => f.ThreadTs, StringComparer.Ordinal).Last();
        Assert.StartsWith($"<@{Alice}> Your video is ready.", second.InitialComment, StringComparison.Ordinal);
        Assert.Contains(slack.MessagesIn(Channel), m => m.Payload.ToJsonString().Contains("job " + jobId, StringComparison.Ordinal) && m.Ts != card.Ts);
        if (ark is null)
        {
            var jobs = host.Simulator.Jobs;
            Assert.Equal(2, jobs.Count);
            var image = Assert.Single(JsonNode.Parse(jobs[1].RequestJson)!["images"]!.AsArray());
            Assert.Equal("first_frame", (string?)image!["role"]);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(SeedanceBot.Simulator.SeedanceSimulator.LastFramePng.Span)), (string?)image["sha256"]);
        }
        else
        {
            var tasks = ark.Tasks.OrderBy(t => t.CreatedAt).ToList();
            Assert.Equal(2, tasks.Count);
            var image = Assert.Single(tasks[1].Request["content"]!.AsArray(), c => (string?)c!["type"] == "image_url");
            Assert.Equal("first_frame", (string?)image!["role"]);
            Assert.Equal("data:image/png;base64," + Convert.ToBase64String(SeedanceBot.Testing.ModelArk.FakeModelArk.LastFramePng), (string?)image["image_url"]!["url"]);
        }
    }

    [Fact]
    public async Task Video_FromTheSignedHttpEndpoint_IsQueuedInTheResponse_ThenDelivered()
    {
        var time = FakeClock.Create();
        await using var slack = await FakeSlack.StartAsync(time);
        var settings = Settings(slack);
        settings.Remove("Slack:AppToken");
        settings["Slack:Mode"] = "Http";
        settings["Slack:SigningSecret"] = SigningSecret;
        await using var host = await BotHost.StartAsync(settings: settings, clock: time);

        var command = slack.NewSlashCommand("/video", "a gull over the harbour --duration 3", Channel, Alice);
        var body = string.Join('&', command.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString((string?)p.Value ?? string.Empty)));
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await host.RunUntilAsync(() => Task.FromResult(slack.Files.Values.Any(f => f.Completed)));

        // Alice is new to the bot: an empty acknowledgement at once, the answer through the response_url after users.info.
        Assert.Equal(string.Empty, answer);
        Assert.StartsWith("Queued as job", Assert.Single(slack.Responses).Text, StringComparison.Ordinal);
        Assert.Equal(1, host.Answers.Checked);
        Assert.Empty(slack.SocketSessions);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(Assert.Single(slack.Files.Values).Content, 4, 4));
    }

    [Fact]
    public async Task Start_SocketModeWithoutAppToken_FailsNamingTheKey_WithoutTheBotToken()
    {
        var app = await BotApplication.BuildAsync(["--urls=http://127.0.0.1:0", "--Slack:BotToken=" + FakeSlackTokens.Bot("very-secret-token"), "--Storage:Path=" + Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "bot.db")]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Slack:AppToken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", error.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }
}
