namespace SeedanceBot.Slack.Contracts;

/// <summary>What every Web API answer has: <c>ok</c>, and <c>error</c> when it is false. HTTP is 200 either way.</summary>
internal record SlackResponse
{
    public bool Ok { get; init; }

    public string? Error { get; init; }

    public string? Warning { get; init; }
}
