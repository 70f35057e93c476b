using System.Text;
using System.Text.Json.Nodes;
using SeedanceBot.Core.Chat;
using SeedanceBot.Slack.Contracts;

namespace SeedanceBot.Slack.Adapter;

/// <summary>
/// Core's plain-text <see cref="ChatMessage"/> as a Slack message: text escaped as Slack requires (<c>&amp;</c>,
/// <c>&lt;</c>, <c>&gt;</c>, so no <c>&lt;!channel&gt;</c> or <c>&lt;@U...&gt;</c> can come from user text), fields
/// in a section, buttons whose value carries the job id, and a context line that marks a job's result. The only
/// mention ever written is the requester's.
/// </summary>
internal static class SlackMessages
{
    public const string ActionPrefix = "sb_";
    public const char ValueSeparator = '|';
    private const int TextLimit = 3000;
    private const int FieldLimit = 2000;
    private const int MaxFields = 10;

    /// <param name="message">What Core says.</param>
    /// <param name="jobId">Marks a job's result, so a retried delivery can find it.</param>
    /// <param name="fileId">The uploaded video, deleted with the message by the delete button.</param>
    /// <param name="videoAttached">The video is (or will be) uploaded: do not add its link.</param>
    public static SlackMessage Render(ChatMessage message, string? jobId = null, string? fileId = null, bool videoAttached = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        if (message.MentionUserId is { } mention)
        {
            text.Append("<@").Append(mention).Append("> ");
        }

        text.Append(Escape(message.Text));
        if (message.VideoUrl is { } video && !videoAttached)
        {
            text.Append('\n').Append(Link(video, "Open the video"));
        }

        var summary = Truncate(text.ToString(), TextLimit);
        var icon = Icon(message.Tone);
        var blocks = new JsonArray(Section(icon + Truncate(summary, TextLimit - icon.Length)));
        if (message.Fields.Count > 0)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray([.. message.Fields.Take(MaxFields).Select(f => (JsonNode)Mrkdwn(Truncate($"*{Escape(f.Label)}*\n{Escape(f.Value)}", FieldLimit)))]),
            });
        }

        if (message.Actions.Count > 0)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["block_id"] = "sb_actions",
                ["elements"] = new JsonArray([.. message.Actions.Select(a => (JsonNode)Button(a, fileId))]),
            });
        }

        if (jobId is not null)
        {
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(MarkerFor(jobId))) });
        }

        return new SlackMessage { Text = summary, Blocks = blocks, ResponseType = message.Ephemeral ? SlackMessage.Ephemeral : SlackMessage.InChannel };
    }

    /// <summary>The line that marks a job's result, also how a retried delivery finds an earlier post.</summary>
    public static string MarkerFor(string jobId) => "SeedanceBot · job " + jobId;

    public static string FileNameFor(string jobId) => $"seedance-{jobId}.mp4";

    /// <summary>The button's action and job id (and the uploaded file, when there is one).</summary>
    public static (string Action, string JobId, string? FileId)? ParseAction(InteractiveAction? action)
    {
        if (action?.ActionId is not { } id || !id.StartsWith(ActionPrefix, StringComparison.Ordinal) || string.IsNullOrEmpty(action.Value))
        {
            return null;
        }

        var parts = action.Value.Split(ValueSeparator, 2);
        return (id[ActionPrefix.Length..], parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null);
    }

    /// <summary>
    /// Plain text as Slack shows it: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped (so no mention, channel or link
    /// markup can be formed), and the plain words <c>@here</c>, <c>@channel</c>, <c>@everyone</c> broken with a
    /// zero-width space in case a client links them.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '@' when StartsWithBroadcast(text.AsSpan(i + 1)):
                    escaped.Append("@\u200B");
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>A link whose URL cannot break out of Slack's <c>&lt;url|label&gt;</c> markup.</summary>
    public static string Link(Uri url, string label)
    {
        ArgumentNullException.ThrowIfNull(url);
        var safe = url.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);
        return "<" + safe + "|" + Escape(label) + ">";
    }

    public static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    public static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = Mrkdwn(text) };

    private static JsonObject Button(ChatAction action, string? fileId)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = ActionPrefix + action.Id,
            ["text"] = PlainText(action.Label),
            ["value"] = fileId is null ? action.Value : action.Value + ValueSeparator + fileId,
        };
        if (action.Id == ChatAction.Reroll)
        {
            button["style"] = "primary";
        }

        if (action.Id == ChatAction.Delete)
        {
            button["style"] = "danger";
            button["confirm"] = new JsonObject
            {
                ["title"] = PlainText("Delete this video?"),
                ["text"] = PlainText("The message and its video are removed for everyone."),
                ["confirm"] = PlainText("Delete"),
                ["deny"] = PlainText("Keep it"),
            };
        }

        return button;
    }

    private static bool StartsWithBroadcast(ReadOnlySpan<char> rest) =>
        rest.StartsWith("here", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("channel", StringComparison.OrdinalIgnoreCase)
        || rest.StartsWith("everyone", StringComparison.OrdinalIgnoreCase);

    private static string Icon(ChatTone tone) => tone switch
    {
        ChatTone.Success => ":white_check_mark: ",
        ChatTone.Error => ":warning: ",
        ChatTone.Warning => ":hourglass: ",
        ChatTone.Progress => ":clapper: ",
        _ => string.Empty,
    };

    private static string Truncate(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
