using System.Text.Json.Nodes;

namespace SeedanceBot.Testing.Slack;

/// <summary>A post the bot made to a response_url (absolute <see cref="Url"/>), at a time on the fake clock.</summary>
public sealed record FakeSlackResponse(string Url, JsonObject Payload, DateTimeOffset At)
{
    public string ResponseType => (string?)Payload["response_type"] ?? "ephemeral";

    public string Text => (string?)Payload["text"] ?? string.Empty;
}
