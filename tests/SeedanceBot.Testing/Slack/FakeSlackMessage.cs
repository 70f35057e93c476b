using System.Text.Json.Nodes;

namespace SeedanceBot.Testing.Slack;

/// <summary>
/// A message currently in a channel: posted with <c>chat.postMessage</c> (<see cref="Via"/> "postMessage"), replaced
/// by <c>chat.update</c> ("update"), created by <c>files.completeUploadExternal</c> ("upload") or by an
/// <c>in_channel</c> response_url post ("response_url"). <see cref="Payload"/> is what the bot sent.
/// </summary>
public sealed record FakeSlackMessage(string Channel, string Ts, string? ThreadTs, JsonObject Payload, string Via, IReadOnlyList<string> FileIds)
{
    public string Text => (string?)Payload["text"] ?? string.Empty;

    public JsonArray? Blocks => Payload["blocks"] as JsonArray;

    /// <summary>Every <c>action_id</c> in the message's blocks (buttons and other elements).</summary>
    public IReadOnlyList<string> ActionIds =>
        [.. (Blocks ?? []).SelectMany(ElementsOf).Select(e => (string?)e?["action_id"]).OfType<string>()];

    private static IEnumerable<JsonNode?> ElementsOf(JsonNode? block) =>
        block?["elements"] is JsonArray elements ? elements : [block?["accessory"]];
}
