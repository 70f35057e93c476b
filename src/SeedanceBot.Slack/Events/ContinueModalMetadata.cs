namespace SeedanceBot.Slack.Events;

/// <summary>What the Continue form carries from the click to its submission (<c>private_metadata</c>): the job it continues and where to answer.</summary>
internal sealed record ContinueModalMetadata(string JobId, string ChannelId, Uri? ResponseUrl, DateTimeOffset ReceivedAt);
