namespace SeedanceBot.Slack.WebApi;

/// <summary>A file to share into a channel (and thread): its bytes come from <see cref="Content"/>, read once.</summary>
internal sealed record SlackUpload(string FileName, string Title, long Length, Func<CancellationToken, Task<Stream>> Content, string ChannelId, string? ThreadTs, string? InitialComment);
