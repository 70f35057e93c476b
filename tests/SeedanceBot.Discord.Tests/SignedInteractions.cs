using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace SeedanceBot.Discord.Tests;

/// <summary>Signs interactions as Discord does, with a key made for the test, and posts them to the bot.</summary>
internal sealed class SignedInteractions : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public string PublicKeyHex => Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    public Dictionary<string, string?> HttpModeSettings => new() { ["Discord:Mode"] = "Http", ["Discord:PublicKey"] = PublicKeyHex };

    public async Task<JsonNode> PostAsync(HttpClient http, TimeProvider time, JsonObject interaction)
    {
        using var response = await PostRawAsync(http, time, interaction.ToJsonString());
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Any body, signed: for what Discord would never send.</summary>
    public async Task<HttpResponseMessage> PostRawAsync(HttpClient http, TimeProvider time, string body)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(timestamp + body))));
        return await http.SendAsync(request);
    }

    public void Dispose() => _key.Dispose();
}
