namespace SeedanceBot.Slack.Contracts;

/// <summary>conversations.replies' answer: the parent message first, then its replies.</summary>
internal sealed record ThreadReplies : SlackResponse
{
    public IReadOnlyList<HistoryMessage> Messages { get; init; } = [];
}
