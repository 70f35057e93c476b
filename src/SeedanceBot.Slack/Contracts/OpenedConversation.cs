namespace SeedanceBot.Slack.Contracts;

/// <summary>conversations.open's answer: the DM channel with a user.</summary>
internal sealed record OpenedConversation : SlackResponse
{
    public SlackRef? Channel { get; init; }
}
