using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Slack;

namespace SeedanceBot.Testing.Hosting;

/// <summary>
/// The bot's HTTP doors as an attacker reaches them: Slack's and Discord's signed endpoints (signed with the bot's own
/// secrets, so a body passes the signature check and reaches the parser), the playground API and the webhook route.
/// Every call has a real-time bound: a door that does not answer in time is a hang, reported as such.
/// </summary>
public sealed class HttpDoors(HttpClient http, TimeProvider time, string slackSecret, Key discordKey, TimeSpan? hangBound = null) : IDisposable
{
    public static readonly TimeSpan HangBound = TimeSpan.FromSeconds(15);

    private readonly TimeSpan _hangBound = hangBound ?? HangBound;

    public HttpClient Http => http;

    /// <summary>The bot's settings for both platforms' HTTP modes against the fakes, signed with these secrets.</summary>
    public static Dictionary<string, string> HttpModeSettings(FakeSlack slack, FakeDiscord discord, string slackSecret, Key discordKey) => new()
    {
        ["Slack:BotToken"] = FakeSlack.BotToken,
        ["Slack:Mode"] = "Http",
        ["Slack:SigningSecret"] = slackSecret,
        ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
        ["Discord:Token"] = FakeDiscord.BotToken,
        ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
        ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
        ["Discord:Mode"] = "Http",
        ["Discord:PublicKey"] = Convert.ToHexStringLower(discordKey.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
    };

    public static string FormBody(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    public Task<Answer> SlackAsync(string path, byte[] body, string contentType = "application/x-www-form-urlencoded", long? timestamp = null, bool sign = true)
    {
        var stamp = (timestamp ?? time.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", stamp);
        if (sign)
        {
            var basis = Encoding.UTF8.GetBytes($"v0:{stamp}:").Concat(body).ToArray();
            request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(slackSecret), basis)));
        }

        return SendAsync(request);
    }

    public Task<Answer> SlackCommandAsync(IEnumerable<KeyValuePair<string, string>> fields) =>
        SlackAsync("/slack/commands", Encoding.UTF8.GetBytes(FormBody(fields)));

    public Task<Answer> SlackInteractionAsync(JsonObject payload) =>
        SlackAsync("/slack/interactions", Encoding.UTF8.GetBytes(FormBody([new("payload", payload.ToJsonString())])));

    public Task<Answer> DiscordAsync(byte[] body, string contentType = "application/json", long? timestamp = null, bool sign = true)
    {
        var stamp = (timestamp ?? time.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("X-Signature-Timestamp", stamp);
        if (sign)
        {
            var basis = Encoding.UTF8.GetBytes(stamp).Concat(body).ToArray();
            request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(discordKey, basis)));
        }

        return SendAsync(request);
    }

    public Task<Answer> DiscordAsync(JsonObject interaction) => DiscordAsync(Encoding.UTF8.GetBytes(interaction.ToJsonString()));

    public Task<Answer> PlaygroundAsync(string text, string user) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "/playground/api/commands") { Content = JsonContent.Create(new { text, user }) });

    public Task<Answer> RawAsync(string path, byte[] body, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return SendAsync(request);
    }

    private async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var bound = new CancellationTokenSource(_hangBound);
            try
            {
                using var response = await http.SendAsync(request, bound.Token);
                return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(bound.Token));
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                return new Answer(Answer.Hang, string.Empty);
            }
            catch (HttpRequestException ex)
            {
                // The server dropped the connection: as bad as a 5xx for the person who sent it.
                return new Answer(Answer.Dropped, ex.Message);
            }
        }
    }

    public void Dispose() => http.Dispose();
}

/// <summary>What a door answered: the HTTP status, or <see cref="Hang"/> / <see cref="Dropped"/>.</summary>
public sealed record Answer(int Status, string Body)
{
    public const int Hang = -1;
    public const int Dropped = -2;

    public bool IsServerFault => Status is Hang or Dropped or >= 500;

    public JsonNode? Json
    {
        get
        {
            try
            {
                return Body.Length == 0 ? null : JsonNode.Parse(Body);
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }
}
