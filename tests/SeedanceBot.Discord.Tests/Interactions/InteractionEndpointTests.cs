using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace SeedanceBot.Discord.Tests.Interactions;

/// <summary>POST /discord/interactions over real HTTP, signed with a key made in the test as Discord signs.</summary>
public sealed class InteractionEndpointTests : IAsyncLifetime
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    private DiscordHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        var publicKey = Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        _harness = await DiscordHarness.StartAsync(new() { ["Discord:Mode"] = "Http", ["Discord:PublicKey"] = publicKey }, web: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        _key.Dispose();
    }

    private string Now => _harness.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> PostAsync(string body, string timestamp, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        if (signature is not null)
        {
            request.Headers.Add("X-Signature-Ed25519", signature);
        }

        return await _harness.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private string Sign(string timestamp, string body) =>
        Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(timestamp + body)));

    [Fact]
    public async Task Ping_Signed_AnswersPong()
    {
        const string body = """{"id":"1","application_id":"1300000000000000000","type":1,"token":"t","version":1}""";

        using var response = await PostAsync(body, Now, Sign(Now, body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"type":1}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TamperedBody_MissingSignature_TamperedTimestamp_And_StaleTimestamp_Are401()
    {
        const string body = """{"id":"1","application_id":"1300000000000000000","type":1,"token":"t","version":1}""";
        var signature = Sign(Now, body);
        var stale = _harness.Time.GetUtcNow().AddMinutes(-6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var tamperedBody = await PostAsync(body.Replace("\"type\":1", "\"type\":2", StringComparison.Ordinal), Now, signature);
        using var missing = await PostAsync(body, Now, null);
        using var tamperedTimestamp = await PostAsync(body, (long.Parse(Now, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture), signature);
        using var staleSigned = await PostAsync(body, stale, Sign(stale, body));

        Assert.Equal(HttpStatusCode.Unauthorized, tamperedBody.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tamperedTimestamp.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, staleSigned.StatusCode);
    }

    [Fact]
    public async Task HelpCommand_AnswersInTheResponseBody_Ephemeral_WithNoMentionsAllowed()
    {
        var interaction = _harness.Discord.NewInteraction(2, new JsonObject { ["name"] = "help", ["type"] = 1 }).ToJsonString();

        using var response = await PostAsync(interaction, Now, Sign(Now, interaction));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(4, (int?)answer["type"]);
        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.Contains("/video", (string?)answer["data"]!["content"], StringComparison.Ordinal);
        Assert.Equal("""{"parse":[],"replied_user":false}""", answer["data"]!["allowed_mentions"]!.ToJsonString());
    }

    [Fact]
    public async Task InvalidVideo_IsRefusedPrivately_NamingTheField()
    {
        var interaction = _harness.Discord.NewInteraction(2, new JsonObject
        {
            ["name"] = "video",
            ["type"] = 1,
            ["options"] = new JsonArray(
                new JsonObject { ["name"] = "prompt", ["type"] = 3, ["value"] = "a fox" },
                new JsonObject { ["name"] = "duration", ["type"] = 4, ["value"] = 99 }),
        }).ToJsonString();

        using var response = await PostAsync(interaction, Now, Sign(Now, interaction));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(4, (int?)answer["type"]);
        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.Contains("duration", (string?)answer["data"]!["content"], StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_harness.Store.All);
    }
}
