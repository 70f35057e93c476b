namespace SeedanceBot.Slack.Contracts;

/// <summary>files.getUploadURLExternal's answer: a pre-signed URL to POST the bytes to, and the file's id.</summary>
internal sealed record UploadTicket : SlackResponse
{
    public Uri? UploadUrl { get; init; }

    public string FileId { get; init; } = string.Empty;
}
