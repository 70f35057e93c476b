using System.Text.Json;

namespace SeedanceBot.Slack.Contracts;

/// <summary>
/// Anything Slack sends over a Socket Mode connection: <c>hello</c>, <c>disconnect</c> (with an open-ended
/// <see cref="Reason"/>) or an envelope (<c>slash_commands</c>, <c>interactive</c>, <c>events_api</c>).
/// </summary>
internal sealed record SocketFrame
{
    public string? Type { get; init; }

    public string? EnvelopeId { get; init; }

    public JsonElement? Payload { get; init; }

    public bool AcceptsResponsePayload { get; init; }

    public int? RetryAttempt { get; init; }

    public string? RetryReason { get; init; }

    public string? Reason { get; init; }

    public int? NumConnections { get; init; }

    public const string Hello = "hello";
    public const string Disconnect = "disconnect";
    public const string SlashCommands = "slash_commands";
    public const string Interactive = "interactive";
    public const string EventsApi = "events_api";
}
