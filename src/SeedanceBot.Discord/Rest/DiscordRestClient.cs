using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Rest;

/// <summary>
/// Discord's REST API over the typed <see cref="HttpClient"/> whose pipeline retries (429 always; 5xx and network
/// errors only for idempotent methods) and rate-limits. Errors become <see cref="DiscordApiException"/>.
/// </summary>
internal sealed class DiscordRestClient(HttpClient http, IOptions<DiscordOptions> options) : IDiscordRest
{
    public async Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken) =>
        await SendAsync<GatewayBotInfo>(HttpMethod.Get, "gateway/bot", null, botAuth: true, cancellationToken);

    public async Task RespondAsync(string interactionId, string token, InteractionCallback callback, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Post, $"interactions/{interactionId}/{token}/callback", Json(callback), botAuth: false, cancellationToken);
    }

    public async Task<DiscordMessage> EditOriginalAsync(string applicationId, string token, MessagePayload message, DiscordFile? file, CancellationToken cancellationToken) =>
        await SendAsync<DiscordMessage>(HttpMethod.Patch, $"webhooks/{applicationId}/{token}/messages/@original", Body(message, file), botAuth: false, cancellationToken);

    public async Task DeleteOriginalAsync(string applicationId, string token, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Delete, $"webhooks/{applicationId}/{token}/messages/@original", null, botAuth: false, cancellationToken);
    }

    public async Task<DiscordMessage> FollowUpAsync(string applicationId, string token, MessagePayload message, DiscordFile? file, CancellationToken cancellationToken) =>
        await SendAsync<DiscordMessage>(HttpMethod.Post, $"webhooks/{applicationId}/{token}?wait=true", Body(message, file), botAuth: false, cancellationToken);

    public async Task<DiscordMessage> FollowUpWithFilesAsync(string applicationId, string token, MessagePayload message, IReadOnlyList<DiscordFile> files, CancellationToken cancellationToken) =>
        await SendAsync<DiscordMessage>(HttpMethod.Post, $"webhooks/{applicationId}/{token}?wait=true", Body(message, files), botAuth: false, cancellationToken);

    public async Task<DiscordMessage> EditFollowUpAsync(string applicationId, string token, string messageId, MessagePayload message, CancellationToken cancellationToken) =>
        await SendAsync<DiscordMessage>(HttpMethod.Patch, $"webhooks/{applicationId}/{token}/messages/{messageId}", Json(message), botAuth: false, cancellationToken);

    public async Task DeleteFollowUpAsync(string applicationId, string token, string messageId, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Delete, $"webhooks/{applicationId}/{token}/messages/{messageId}", null, botAuth: false, cancellationToken);
    }

    public async Task<DiscordMessage> CreateMessageAsync(string channelId, MessagePayload message, DiscordFile? file, CancellationToken cancellationToken) =>
        await SendAsync<DiscordMessage>(HttpMethod.Post, $"channels/{channelId}/messages", Body(message, file), botAuth: true, cancellationToken);

    public async Task<DiscordMessage> EditMessageAsync(string channelId, string messageId, MessagePayload message, CancellationToken cancellationToken) =>
        await SendAsync<DiscordMessage>(HttpMethod.Patch, $"channels/{channelId}/messages/{messageId}", Json(message), botAuth: true, cancellationToken);

    public async Task DeleteMessageAsync(string channelId, string messageId, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Delete, $"channels/{channelId}/messages/{messageId}", null, botAuth: true, cancellationToken);
    }

    public async Task<IReadOnlyList<DiscordMessage>> GetMessagesAfterAsync(string channelId, string afterMessageId, int limit, CancellationToken cancellationToken) =>
        await SendAsync<List<DiscordMessage>>(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"channels/{channelId}/messages?after={afterMessageId}&limit={limit}"), null, botAuth: true, cancellationToken);

    public async Task<DiscordChannel> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken) =>
        await SendAsync<DiscordChannel>(HttpMethod.Post, "users/@me/channels", Json(new DirectMessageRequest(userId)), botAuth: true, cancellationToken);

    public async Task<JsonArray> GetCommandsAsync(string applicationId, string? guildId, CancellationToken cancellationToken) =>
        await SendAsync<JsonArray>(HttpMethod.Get, CommandsPath(applicationId, guildId), null, botAuth: true, cancellationToken);

    public async Task PutCommandsAsync(string applicationId, string? guildId, JsonArray commands, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Put, CommandsPath(applicationId, guildId), Json(commands), botAuth: true, cancellationToken);
    }

    private static string CommandsPath(string applicationId, string? guildId) =>
        guildId is null ? $"applications/{applicationId}/commands" : $"applications/{applicationId}/guilds/{guildId}/commands";

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, bool botAuth, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, content, botAuth, cancellationToken);
        return await response.Content.ReadFromJsonAsync(DiscordJson.Info<T>(), cancellationToken)
            ?? throw new DiscordApiException($"Discord answered {method} {DiscordRoute.For(method, path).Key} with an empty body.");
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, bool botAuth, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Options.Set(DiscordRateLimitHandler.RouteKey, DiscordRoute.For(method, path));
        if (botAuth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.Value.Token);
        }

        var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            DiscordError? error = null;
            try
            {
                error = body.Length > 0 ? JsonSerializer.Deserialize(body, DiscordJson.Info<DiscordError>()) : null;
            }
            catch (JsonException)
            {
                // Not Discord's JSON (a proxy's page): the status says enough.
            }

            throw new DiscordApiException(response.StatusCode, error?.Code ?? 0, error?.Message ?? response.ReasonPhrase ?? "error");
        }
    }

    private static StringContent Json<T>(T body) =>
        new(DiscordJson.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>JSON, or with a file the multipart form Discord wants: <c>payload_json</c> plus <c>files[0]</c>.</summary>
    private static HttpContent Body(MessagePayload message, DiscordFile? file) => Body(message, file is null ? [] : [file]);

    /// <summary>JSON, or with files the multipart form: <c>payload_json</c> (an attachment slot per file) plus <c>files[n]</c>.</summary>
    private static HttpContent Body(MessagePayload message, IReadOnlyList<DiscordFile> files)
    {
        if (files.Count == 0)
        {
            return Json(message);
        }

        var payload = message with { Attachments = [.. files.Select((f, i) => new AttachmentSlot(i, f.FileName, f.Description))] };
        var form = new MultipartFormDataContent();
        var json = Json(payload);
        json.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"payload_json\"" };
        form.Add(json);
        for (var i = 0; i < files.Count; i++)
        {
            var bytes = new ByteArrayContent(files[i].Content.ToArray());
            bytes.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
            bytes.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"\"files[{i}]\""),
                FileName = "\"" + files[i].FileName + "\"",
            };
            form.Add(bytes);
        }

        return form;
    }
}
