using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SeedanceBot.Core.Chat;
using SeedanceBot.Slack.Adapter;
using SeedanceBot.Slack.Events;
using SeedanceBot.Testing.Slack;

namespace SeedanceBot.Slack.Tests.Events;

/// <summary>
/// HTTP mode: POST /slack/commands and /slack/interactions over real HTTP, signed as Slack signs (v0, the harness's
/// signing secret, the fake clock's time); answers come in the response body, later replies through the response_url.
/// </summary>
public sealed class SlackEndpointsTests : IAsyncLifetime
{
    private SlackHarness _harness = null!;

    private FakeSlack Slack => _harness.Slack;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Now => _harness.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public async ValueTask InitializeAsync() =>
        _harness = await SlackHarness.StartAsync(new() { ["Slack:Mode"] = "Http" }, start: true);

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    /// <summary>A JSON payload's string fields as the form body Slack POSTs to a slash command's Request URL.</summary>
    private static string FormOf(JsonObject payload) =>
        string.Join('&', payload.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString((string?)p.Value ?? string.Empty)));

    private static string InteractionForm(JsonObject payload) => "payload=" + Uri.EscapeDataString(payload.ToJsonString());

    private string Sign(string timestamp, byte[] body) =>
        new SlackSignature(SlackHarness.SigningSecret, TimeSpan.FromMinutes(5), _harness.Time).Sign(timestamp, body);

    private Task<HttpResponseMessage> PostSignedAsync(string path, string body) => PostAsync(path, Encoding.UTF8.GetBytes(body), Now, sign: true);

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, string? timestamp, bool sign, byte[]? signedBody = null, string contentType = "application/x-www-form-urlencoded", string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        if (timestamp is not null)
        {
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        }

        if (sign && timestamp is not null)
        {
            request.Headers.Add("X-Slack-Signature", signature ?? Sign(timestamp, signedBody ?? body));
        }

        return await _harness.Http.SendAsync(request, Token);
    }

    private static async Task<JsonObject> JsonBodyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!.AsObject();
    }

    [Fact]
    public async Task Help_Signed_AnswersEphemeralInTheResponseBody()
    {
        var form = FormOf(Slack.NewSlashCommand("/help", string.Empty));

        using var response = await PostSignedAsync(SlackEndpoints.CommandsPath, form);

        var answer = await JsonBodyAsync(response);
        Assert.Equal("ephemeral", (string?)answer["response_type"]);
        Assert.Contains("/video", (string?)answer["text"], StringComparison.Ordinal);
        Assert.Contains("/styles", (string?)answer["text"], StringComparison.Ordinal);
        Assert.Empty(Slack.Requests);
    }

    [Fact]
    public async Task Video_TamperedBody_Is401_AndNothingHappens()
    {
        var body = Encoding.UTF8.GetBytes(FormOf(Slack.NewSlashCommand("/video", "a fox --duration 4")));
        var tampered = (byte[])body.Clone();
        var at = Array.IndexOf(tampered, (byte)'f', Encoding.UTF8.GetString(body).IndexOf("text=", StringComparison.Ordinal));
        tampered[at] = (byte)'b';

        using var response = await PostAsync(SlackEndpoints.CommandsPath, tampered, Now, sign: true, signedBody: body);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature mismatch", await response.Content.ReadAsStringAsync(Token));
        AssertNothingHappened();
    }

    [Fact]
    public async Task Video_TimestampSixMinutesOld_Is401Stale_AndNothingHappens()
    {
        var body = Encoding.UTF8.GetBytes(FormOf(Slack.NewSlashCommand("/video", "a fox --duration 4")));
        var stale = _harness.Time.GetUtcNow().AddMinutes(-6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var response = await PostAsync(SlackEndpoints.CommandsPath, body, stale, sign: true);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("stale", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        AssertNothingHappened();
    }

    [Fact]
    public async Task Video_MissingHeaders_Is401_AndNothingHappens()
    {
        var body = Encoding.UTF8.GetBytes(FormOf(Slack.NewSlashCommand("/video", "a fox --duration 4")));

        using var noHeaders = await PostAsync(SlackEndpoints.CommandsPath, body, timestamp: null, sign: false);
        using var noSignature = await PostAsync(SlackEndpoints.CommandsPath, body, Now, sign: false);

        Assert.Equal(HttpStatusCode.Unauthorized, noHeaders.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noSignature.StatusCode);
        Assert.Equal("missing signature headers", await noHeaders.Content.ReadAsStringAsync(Token));
        AssertNothingHappened();
    }

    [Fact]
    public async Task Interaction_Unsigned_Is401_AndNothingHappens()
    {
        var body = Encoding.UTF8.GetBytes(InteractionForm(Slack.NewBlockActions("sb_reroll", "k7m2qx9p", "C0CHAN", "1773568800.000001")));

        using var response = await PostAsync(SlackEndpoints.InteractionsPath, body, Now, sign: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertNothingHappened();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SslCheck_SignedOrNot_Is200WithEmptyBody(bool withSignature)
    {
        using var response = await PostAsync(SlackEndpoints.CommandsPath, "ssl_check=1&token=x"u8.ToArray(), withSignature ? Now : null, withSignature);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync(Token));
        Assert.Empty(Slack.Requests);
    }

    [Fact]
    public async Task UnsignedCommand_CarryingSslCheck_IsStill401()
    {
        var body = Encoding.UTF8.GetBytes(FormOf(Slack.NewSlashCommand("/video", "a fox")) + "&ssl_check=1");

        using var response = await PostAsync(SlackEndpoints.CommandsPath, body, Now, sign: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertNothingHappened();
    }

    [Fact]
    public async Task Video_Signed_AnswersQueuedWithTheJobId_AndStoresTheJobWithItsResponseUrl()
    {
        var command = Slack.NewSlashCommand("/video", "a fox --duration 4", channelId: "C0VIDEO");

        using var response = await PostSignedAsync(SlackEndpoints.CommandsPath, FormOf(command));

        var answer = await JsonBodyAsync(response);
        var job = Assert.Single(_harness.Store.All);
        Assert.Equal("ephemeral", (string?)answer["response_type"]);
        Assert.Contains($"Queued as job {job.Id}", (string?)answer["text"], StringComparison.Ordinal);
        Assert.Equal(SlackRequestHandler.PlatformName, job.Origin.Platform);
        Assert.Equal(FakeSlack.TeamId, job.Origin.WorkspaceId);
        Assert.Equal("C0VIDEO", job.Origin.ChannelId);
        Assert.Equal("U0USER", job.UserId);
        Assert.Equal("a fox", job.Request.Prompt);
        Assert.Equal(4, job.Request.DurationSeconds);
        Assert.Equal(4, job.Seconds);
        var context = SlackReplyContext.Parse(job.ReplyContext);
        Assert.NotNull(context);
        Assert.Equal((string)command["response_url"]!, context.ResponseUrl?.ToString());
        Assert.Equal(_harness.Time.GetUtcNow(), context.ReceivedAt);
    }

    [Fact]
    public async Task BlockActions_UnknownJob_Acks200Empty_ThenSaysSoThroughTheResponseUrl()
    {
        var payload = Slack.NewBlockActions(SlackMessages.ActionPrefix + ChatAction.Reroll, "nojob123", "C0CHAN", "1773568800.000001");

        using var response = await PostSignedAsync(SlackEndpoints.InteractionsPath, InteractionForm(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync(Token));
        await FakeSlack.WaitUntilAsync(() => ResponseCount() > 0);
        var reply = Assert.Single(Slack.Responses);

        Assert.Equal((string)payload["response_url"]!, reply.Url);
        Assert.Equal("ephemeral", reply.ResponseType);
        Assert.Contains("no longer known", reply.Text, StringComparison.Ordinal);
        Assert.False((bool?)reply.Payload["replace_original"]);
        Assert.Empty(_harness.Store.All);
    }

    [Fact]
    public async Task Interaction_WithoutPayloadField_Is400()
    {
        using var response = await PostSignedAsync(SlackEndpoints.InteractionsPath, "nothing=here");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Video_TheSameSignedRequestTwice_MakesOneJob(bool withTriggerId)
    {
        var command = Slack.NewSlashCommand("/video", "a fox --duration 4");
        if (!withTriggerId)
        {
            command.Remove("trigger_id");
        }

        var body = Encoding.UTF8.GetBytes(FormOf(command));
        var timestamp = Now;
        var signature = Sign(timestamp, body);

        using var first = await PostAsync(SlackEndpoints.CommandsPath, body, timestamp, sign: true, signature: signature);
        _harness.Time.Advance(TimeSpan.FromMinutes(4));
        using var replay = await PostAsync(SlackEndpoints.CommandsPath, body, timestamp, sign: true, signature: signature);

        Assert.Contains("Queued as job", (string?)(await JsonBodyAsync(first))["text"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.DoesNotContain("Queued as job", await replay.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Single(_harness.Store.All);
    }

    [Theory]
    [InlineData("user_id", "<!channel>")]
    [InlineData("user_id", "U0USER")]
    [InlineData("team_id", "T0002")]
    [InlineData("channel_id", "C0OTHER")]
    [InlineData("text", "again")]
    public async Task Command_WithADuplicatedFormKey_IsRefused_AndNothingHappens(string key, string value)
    {
        var form = FormOf(Slack.NewSlashCommand("/video", "a fox --duration 4")) + "&" + key + "=" + Uri.EscapeDataString(value);

        using var response = await PostSignedAsync(SlackEndpoints.CommandsPath, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertNothingHappened();
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task Command_WithAnotherContentType_Is415_AndNothingHappens(string contentType)
    {
        var body = Encoding.UTF8.GetBytes(FormOf(Slack.NewSlashCommand("/video", "a fox --duration 4")));

        using var response = await PostAsync(SlackEndpoints.CommandsPath, body, Now, sign: true, contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        AssertNothingHappened();
    }

    [Fact]
    public async Task Command_WithInvalidUtf8_Is400_AndNothingHappens()
    {
        var body = Encoding.UTF8.GetBytes(FormOf(Slack.NewSlashCommand("/video", "a fox --duration 4"))).Append((byte)0xFF).Append((byte)0xFE).ToArray();

        using var response = await PostAsync(SlackEndpoints.CommandsPath, body, Now, sign: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertNothingHappened();
    }

    [Fact]
    public async Task Command_WithoutItsChannel_IsRefusedPrivately_AndNothingIsStored()
    {
        var command = Slack.NewSlashCommand("/video", "a fox --duration 4");
        command.Remove("channel_id");

        using var response = await PostSignedAsync(SlackEndpoints.CommandsPath, FormOf(command));

        var answer = await JsonBodyAsync(response);
        Assert.Equal("ephemeral", (string?)answer["response_type"]);
        Assert.Contains("workspace, user or channel", (string?)answer["text"], StringComparison.Ordinal);
        AssertNothingHappened();
    }

    [Theory]
    [InlineData("payload=not-json")]
    [InlineData("payload=null")]
    [InlineData("payload=%5B1%2C2%5D")]
    [InlineData("payload=%22text%22")]
    [InlineData("payload=%7B%22type%22%3A5%7D")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%7B%22id%22%3Anull%7D%2C%22actions%22%3A%5Bnull%5D%7D")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%7B%22action_id%22%3A%22sb_delete%22%7D%5D%7D")]
    [InlineData("payload=%7B%22type%22%3A%22message_action%22%7D")]
    [InlineData("payload=%7B%22type%22%3A%22view_submission%22%2C%22view%22%3A%7B%22callback_id%22%3A%22sb_video%22%2C%22private_metadata%22%3A%22%7B%7D%22%7D%7D")]
    [InlineData("payload=%7B%7D&payload=%7B%7D")]
    [InlineData("payload")]
    [InlineData("%%%")]
    [InlineData("")]
    public async Task Interaction_Malformed_IsAnsweredWithout5xx_AndNothingHappens(string form)
    {
        using var response = await PostSignedAsync(SlackEndpoints.InteractionsPath, form);

        Assert.InRange((int)response.StatusCode, 200, 499);
        Assert.Empty(_harness.Store.All);
        Assert.DoesNotContain(Slack.Requests, r => r.ApiMethod is "chat.delete" or "files.delete" or "chat.postMessage");
        Assert.DoesNotContain(_harness.Logs.Entries, e => e.EventId.Name == "SlackRequestFailed");
    }

    [Fact]
    public async Task Interaction_DeeplyNestedPayload_Is400()
    {
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500);

        using var response = await PostSignedAsync(SlackEndpoints.InteractionsPath, "payload=" + Uri.EscapeDataString(nested));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private int ResponseCount() => Slack.Responses.Count;

    /// <summary>A refused request reached no handler: nothing was asked of Slack and no job was stored (a /video stores its job before answering).</summary>
    private void AssertNothingHappened()
    {
        Assert.Empty(Slack.Requests);
        Assert.Empty(_harness.Store.All);
    }
}
