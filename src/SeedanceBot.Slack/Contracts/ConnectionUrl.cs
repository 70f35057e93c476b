namespace SeedanceBot.Slack.Contracts;

/// <summary>apps.connections.open's answer: a short-lived WebSocket URL, fetched anew for every connection.</summary>
internal sealed record ConnectionUrl : SlackResponse
{
    public Uri? Url { get; init; }
}
