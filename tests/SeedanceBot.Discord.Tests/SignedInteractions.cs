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
        var body = interaction.ToJsonString();
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(timestamp + body))));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public void Dispose() => _key.Dispose();
}
