using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SeedanceBot.Slack.Contracts;

namespace SeedanceBot.Slack.WebApi;

/// <summary>
/// Slack's Web API over the typed <see cref="HttpClient"/> whose pipeline rate-limits and retries (429 always; 5xx and
/// network errors only for calls that change nothing). JSON bodies where Slack accepts them, form bodies where it does
/// not (files.getUploadURLExternal, users.info, conversations.replies).
/// </summary>
internal sealed class SlackWebApiClient(HttpClient http, IHttpClientFactory factory, IOptions<SlackOptions> options) : ISlackWebApi
{
    public const string UploadClientName = "slack-upload";

    public async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var answer = await CallAsync<ConnectionUrl>("apps.connections.open", null, options.Value.AppToken, null, safeToRepeat: true, cancellationToken);
        return answer.Url ?? throw new SlackApiException("apps.connections.open", "no_url");
    }

    public Task<PostedMessage> PostMessageAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return CallAsync<PostedMessage>("chat.postMessage", Json(message), options.Value.BotToken, message.Channel, safeToRepeat: false, cancellationToken);
    }

    public async Task UpdateMessageAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await CallAsync<SlackResponse>("chat.update", Json(message), options.Value.BotToken, null, safeToRepeat: true, cancellationToken);
    }

    public async Task DeleteMessageAsync(string channel, string ts, CancellationToken cancellationToken) =>
        await CallAsync<SlackResponse>("chat.delete", Json(new JsonObject { ["channel"] = channel, ["ts"] = ts }), options.Value.BotToken, null, safeToRepeat: true, cancellationToken);

    public async Task PostEphemeralAsync(string channel, string user, SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = JsonSerializer.SerializeToNode(message with { Channel = channel }, SlackJson.Info<SlackMessage>())!.AsObject();
        body["user"] = user;
        await CallAsync<SlackResponse>("chat.postEphemeral", Json(body), options.Value.BotToken, null, safeToRepeat: false, cancellationToken);
    }

    public async Task<string> UploadFileAsync(SlackUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var ticket = await CallAsync<UploadTicket>("files.getUploadURLExternal", Form(("filename", upload.FileName), ("length", upload.Length.ToString(CultureInfo.InvariantCulture))),
            options.Value.BotToken, null, safeToRepeat: true, cancellationToken);
        if (ticket.UploadUrl is not { } url)
        {
            throw new SlackApiException("files.getUploadURLExternal", "no_upload_url");
        }

        // The URL is pre-signed: no token goes with the bytes. Anything but 200 is a failure.
        var uploader = factory.CreateClient(UploadClientName);
        await using (var content = await upload.Content(cancellationToken))
        {
            using var body = new StreamContent(content);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            body.Headers.ContentLength = upload.Length;
            using var response = await uploader.PostAsync(url, body, cancellationToken);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                throw new SlackApiException("file upload", "upload_failed", response.StatusCode);
            }
        }

        try
        {
            await CompleteUploadAsync(ticket.FileId, upload, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            throw new SlackApiException(ex.Method, ex.Error, ex.Status) { FileId = ticket.FileId };
        }

        return ticket.FileId;
    }

    public async Task CompleteUploadAsync(string fileId, SlackUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var complete = new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = upload.Title }),
            ["channel_id"] = upload.ChannelId,
        };
        if (upload.ThreadTs is { } thread)
        {
            complete["thread_ts"] = thread;
        }

        if (upload.InitialComment is { } comment)
        {
            complete["initial_comment"] = comment;
        }

        await CallAsync<SlackResponse>("files.completeUploadExternal", Json(complete), options.Value.BotToken, upload.ChannelId, safeToRepeat: false, cancellationToken);
    }

    public async Task DeleteFileAsync(string fileId, CancellationToken cancellationToken) =>
        await CallAsync<SlackResponse>("files.delete", Json(new JsonObject { ["file"] = fileId }), options.Value.BotToken, null, safeToRepeat: true, cancellationToken);

    public async Task<SlackUser> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        var answer = await CallAsync<UserInfo>("users.info", Form(("user", userId)), options.Value.BotToken, null, safeToRepeat: true, cancellationToken);
        return answer.User ?? throw new SlackApiException("users.info", "no_user");
    }

    public async Task JoinChannelAsync(string channel, CancellationToken cancellationToken) =>
        await CallAsync<SlackResponse>("conversations.join", Json(new JsonObject { ["channel"] = channel }), options.Value.BotToken, null, safeToRepeat: true, cancellationToken);

    public async Task<string> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken)
    {
        var answer = await CallAsync<OpenedConversation>("conversations.open", Json(new JsonObject { ["users"] = userId }), options.Value.BotToken, null, safeToRepeat: true, cancellationToken);
        return answer.Channel?.Id ?? throw new SlackApiException("conversations.open", "no_channel");
    }

    public async Task<IReadOnlyList<HistoryMessage>> GetRepliesAsync(string channel, string ts, CancellationToken cancellationToken)
    {
        var answer = await CallAsync<ThreadReplies>("conversations.replies", Form(("channel", channel), ("ts", ts), ("limit", "200")), options.Value.BotToken, null, safeToRepeat: true, cancellationToken);
        return answer.Messages;
    }

    public async Task OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken) =>
        await CallAsync<SlackResponse>("views.open", Json(new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }), options.Value.BotToken, null, safeToRepeat: false, cancellationToken);

    public async Task RespondAsync(Uri responseUrl, SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = Json(message) };
        // Each response_url is its own endpoint: a 429 on one holds only that one. The path is a credential, so the
        // limiter (and its logs) only ever see a short hash of it.
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(responseUrl.AbsolutePath)))[..12];
        request.Options.Set(SlackRateLimitHandler.MethodKey, "response_url#" + key);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // Slack answers 404 with "expired_url" or "used_url" in the body.
            var reason = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            throw new SlackApiException("response_url", reason.Length is > 0 and < 64 ? reason : "http_" + (int)response.StatusCode, response.StatusCode);
        }
    }

    private async Task<T> CallAsync<T>(string method, HttpContent? content, string token, string? channel, bool safeToRepeat, CancellationToken cancellationToken)
        where T : SlackResponse
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(method, UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Options.Set(SlackRateLimitHandler.MethodKey, method);
        request.Options.Set(SlackRateLimitHandler.SafeToRepeatKey, safeToRepeat);
        if (channel is not null)
        {
            request.Options.Set(SlackRateLimitHandler.ChannelKey, channel);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException(method, response.StatusCode == System.Net.HttpStatusCode.TooManyRequests ? "ratelimited" : "http_" + (int)response.StatusCode, response.StatusCode);
        }

        T? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync(SlackJson.Info<T>(), cancellationToken);
        }
        catch (JsonException)
        {
            answer = null;
        }

        if (answer is null)
        {
            throw new SlackApiException(method, "invalid_response", response.StatusCode);
        }

        return answer.Ok ? answer : throw new SlackApiException(method, answer.Error ?? "unknown_error", response.StatusCode);
    }

    private static JsonContent Json<TBody>(TBody body) => JsonContent.Create(body, SlackJson.Info<TBody>(), new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" });

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
