namespace SeedanceBot.Slack.Contracts;

/// <summary>users.info's answer.</summary>
internal sealed record UserInfo : SlackResponse
{
    public SlackUser? User { get; init; }
}
