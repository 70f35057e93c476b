using System.Text.Json.Nodes;

namespace SeedanceBot.Slack.Contracts;

/// <summary>
/// A message Slack is asked to show: the arguments of chat.postMessage / chat.update, a slash command's acknowledgement
/// body, or a response_url payload. <see cref="Text"/> is the notification and screen-reader fallback of the blocks.
/// </summary>
internal sealed record SlackMessage
{
    public string? Channel { get; init; }

    public string? Ts { get; init; }

    public required string Text { get; init; }

    public JsonArray? Blocks { get; init; }

    public string? ThreadTs { get; init; }

    public bool? ReplyBroadcast { get; init; }

    /// <summary><c>ephemeral</c> or <c>in_channel</c> (acknowledgements and response_url only).</summary>
    public string? ResponseType { get; init; }

    public bool? ReplaceOriginal { get; init; }

    public bool? DeleteOriginal { get; init; }

    /// <summary>No previews of links (the video link would otherwise unfurl a second time).</summary>
    public bool? UnfurlLinks { get; init; } = false;

    public bool? UnfurlMedia { get; init; } = false;

    /// <summary><c>none</c>: Slack must not turn plain words such as "@here" into mentions (chat.update defaults to <c>client</c>).</summary>
    public string? Parse { get; init; } = "none";

    public const string Ephemeral = "ephemeral";
    public const string InChannel = "in_channel";
}
