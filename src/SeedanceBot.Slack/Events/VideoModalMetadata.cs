namespace SeedanceBot.Slack.Events;

/// <summary>What the /video form carries from the command to its submission (Slack's <c>private_metadata</c>, at most 3000 characters).</summary>
internal sealed record VideoModalMetadata(string ChannelId, Uri? ResponseUrl, DateTimeOffset ReceivedAt);
