using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SeedanceBot.Core.Chat;
using SeedanceBot.Slack.Contracts;

namespace SeedanceBot.Slack.Adapter;

/// <summary>
/// Core's plain-text <see cref="ChatMessage"/> as Slack messages: text escaped as Slack requires (<c>&amp;</c>,
/// <c>&lt;</c>, <c>&gt;</c>, so no <c>&lt;!channel&gt;</c> or <c>&lt;@U...&gt;</c> can come from user text), fields
/// in sections of at most ten, buttons whose value carries only the job id, and a context line that marks a job's
/// result. Nothing is cut: long text is split over several sections, and what does not fit in one message (see
/// <see cref="SlackLimits"/>) goes on in the next, each saying which part it is. The only mention ever written is the
/// requester's, and only when it has a user id's shape.
/// </summary>
internal static class SlackMessages
{
    public const string ActionPrefix = "sb_";
    public const char ValueSeparator = '|';
    private const int MaxJobIdLength = 64;

    /// <summary>Fields per section are also kept under this many characters, so a message's blocks stay within its budget.</summary>
    private const int FieldGroupBudget = SlackLimits.MessageBlockTextBudget / 2;

    /// <summary>Room kept in every message for its context line ("Part 2 of 3", what is left out).</summary>
    private const int NotesReserve = 200;

    /// <summary>The message as one Slack message; content beyond one message is replaced by a line saying how much is left out.</summary>
    /// <param name="message">What Core says.</param>
    /// <param name="jobId">Marks a job's result, so a retried delivery can find it.</param>
    /// <param name="videoAttached">The video is (or will be) uploaded: do not add its link.</param>
    public static SlackMessage Render(ChatMessage message, string? jobId = null, bool videoAttached = false) =>
        RenderAll(message, jobId, videoAttached, maxMessages: 1)[0];

    /// <summary>
    /// The message as one or more Slack messages, each within Slack's limits: the first holds the text, the buttons and
    /// the job's marker; the rest continue the content (each says "part i of n"). Beyond <paramref name="maxMessages"/>
    /// the last one says how many entries are left out.
    /// </summary>
    public static IReadOnlyList<SlackMessage> RenderAll(ChatMessage message, string? jobId = null, bool videoAttached = false, int maxMessages = SlackLimits.MaxAnswerMessages)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var text = new StringBuilder();
        if (SlackIds.IsUser(message.MentionUserId))
        {
            text.Append("<@").Append(message.MentionUserId).Append("> ");
        }

        text.Append(Escape(message.Text));
        if (message.VideoUrl is { } video && !videoAttached)
        {
            text.Append('\n').Append(Link(video, "Open the video"));
        }

        var summary = text.ToString();
        var content = new List<(JsonObject Block, int Items)>();
        foreach (var chunk in Split(Icon(message.Tone) + summary, SlackLimits.SectionText))
        {
            content.Add((Section(chunk), 1));
        }

        AddFields(content, message.Fields);
        if (content.Count == 0)
        {
            // A section's text may not be empty.
            content.Add((Section("…"), 0));
        }

        // The first message ends with the buttons and the marker; every message of several says which part it is.
        var trailer = new List<JsonObject>();
        var buttons = message.Actions.Select(Button).OfType<JsonObject>().ToList();
        for (var i = 0; i < buttons.Count; i += SlackLimits.ActionsElements)
        {
            trailer.Add(new JsonObject
            {
                ["type"] = "actions",
                ["block_id"] = i == 0 ? "sb_actions" : "sb_actions_" + (i / SlackLimits.ActionsElements).ToString(CultureInfo.InvariantCulture),
                ["elements"] = new JsonArray([.. buttons.Skip(i).Take(SlackLimits.ActionsElements)]),
            });
        }

        var pages = Paginate(content, trailer.Count + 1, trailer.Sum(TextLength) + (jobId is null ? 0 : MarkerFor(jobId).Length));
        var left = 0;
        if (pages.Count > maxMessages)
        {
            left = pages.Skip(maxMessages).Sum(p => p.Sum(b => b.Items));
            pages = pages.Take(maxMessages).ToList();
        }

        var messages = new List<SlackMessage>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            var blocks = new JsonArray([.. pages[i].Select(b => (JsonNode)b.Block)]);
            if (i == 0)
            {
                foreach (var block in trailer)
                {
                    blocks.Add((JsonNode)block);
                }
            }

            var notes = new List<JsonNode>();
            if (i == 0 && jobId is not null)
            {
                notes.Add(Mrkdwn(MarkerFor(jobId)));
            }

            if (pages.Count > 1)
            {
                notes.Add(Mrkdwn(string.Create(CultureInfo.InvariantCulture, $"Part {i + 1} of {pages.Count}")));
            }

            if (left > 0 && i == pages.Count - 1)
            {
                notes.Add(Mrkdwn(string.Create(CultureInfo.InvariantCulture, $"…and {left} more not shown: that is more than Slack lets me send at once.")));
            }

            if (notes.Count > 0)
            {
                blocks.Add((JsonNode)new JsonObject { ["type"] = "context", ["elements"] = new JsonArray([.. notes]) });
            }

            var fallback = i == 0
                ? Truncate(summary, SlackLimits.MessageText)
                : Escape(Truncate(message.Text, 200)) + string.Create(CultureInfo.InvariantCulture, $" (part {i + 1} of {pages.Count})");
            messages.Add(new SlackMessage { Text = fallback, Blocks = blocks, ResponseType = message.Ephemeral ? SlackMessage.Ephemeral : SlackMessage.InChannel });
        }

        return messages;
    }

    /// <summary>The line that marks a job's result, also how a retried delivery finds an earlier post.</summary>
    public static string MarkerFor(string jobId) => "SeedanceBot · job " + jobId;

    public static string FileNameFor(string jobId) => $"seedance-{jobId}.mp4";

    /// <summary>
    /// The button's action and job id. Anything after the job id (older cards carried a file id there) is ignored: a
    /// click is only ever trusted for the job it names, and the job's own record says what may be touched.
    /// </summary>
    public static (string Action, string JobId)? ParseAction(InteractiveAction? action)
    {
        if (action?.ActionId is not { } id || !id.StartsWith(ActionPrefix, StringComparison.Ordinal) || string.IsNullOrEmpty(action.Value))
        {
            return null;
        }

        var jobId = action.Value.Split(ValueSeparator, 2)[0];
        return jobId.Length is > 0 and <= MaxJobIdLength ? (id[ActionPrefix.Length..], jobId) : null;
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

    /// <summary>Fields in sections of at most ten (and <see cref="FieldGroupBudget"/> characters); a field too long for one goes in sections of its own.</summary>
    private static void AddFields(List<(JsonObject Block, int Items)> content, IReadOnlyList<ChatField> fields)
    {
        var group = new List<JsonNode>();
        var groupChars = 0;
        void Flush()
        {
            if (group.Count > 0)
            {
                content.Add((new JsonObject { ["type"] = "section", ["fields"] = new JsonArray([.. group]) }, group.Count));
                group = [];
                groupChars = 0;
            }
        }

        foreach (var field in fields)
        {
            var rendered = $"*{Escape(field.Label)}*\n{Escape(field.Value)}";
            if (rendered.Length > SlackLimits.FieldText)
            {
                Flush();
                foreach (var chunk in Split(rendered, SlackLimits.SectionText))
                {
                    content.Add((Section(chunk), 1));
                }

                continue;
            }

            if (group.Count == SlackLimits.SectionFields || groupChars + rendered.Length > FieldGroupBudget)
            {
                Flush();
            }

            group.Add(Mrkdwn(rendered));
            groupChars += rendered.Length;
        }

        Flush();
    }

    /// <summary>Blocks into messages of at most 50 blocks and the text budget; the first keeps room for its trailer.</summary>
    private static List<List<(JsonObject Block, int Items)>> Paginate(List<(JsonObject Block, int Items)> content, int firstReserve, int firstChars)
    {
        var pages = new List<List<(JsonObject Block, int Items)>>();
        var current = new List<(JsonObject Block, int Items)>();
        var chars = firstChars;
        foreach (var item in content)
        {
            var length = TextLength(item.Block);
            var room = SlackLimits.MessageBlocks - (pages.Count == 0 ? firstReserve : 1);
            if (current.Count > 0 && (current.Count >= room || chars + length > SlackLimits.MessageBlockTextBudget - NotesReserve))
            {
                pages.Add(current);
                current = [];
                chars = 0;
            }

            current.Add(item);
            chars += length;
        }

        pages.Add(current);
        return pages;
    }

    private static int TextLength(JsonNode? node) => node switch
    {
        JsonObject o => o.Sum(p => p.Key is "text" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : TextLength(p.Value)),
        JsonArray a => a.Sum(TextLength),
        _ => 0,
    };

    /// <summary>
    /// Splits rendered mrkdwn into pieces of at most <paramref name="limit"/> characters, at a line break or a space
    /// when there is one in the second half, never inside <c>&lt;…&gt;</c> markup, an <c>&amp;…;</c> entity or a
    /// surrogate pair. Nothing is dropped.
    /// </summary>
    internal static IEnumerable<string> Split(string text, int limit)
    {
        while (text.Length > limit)
        {
            var cut = CutPoint(text, limit);
            var piece = text[..cut];
            text = text[cut..];
            if (text.Length > 0 && text[0] is '\n' or ' ' && piece.Length > 0)
            {
                text = text[1..];
            }

            yield return piece;
        }

        if (text.Length > 0)
        {
            yield return text;
        }
    }

    private static int CutPoint(string text, int limit)
    {
        var half = limit / 2;
        var cut = text.LastIndexOf('\n', limit - 1, limit - half);
        if (cut <= 0)
        {
            cut = text.LastIndexOf(' ', limit - 1, limit - half);
        }

        if (cut <= 0)
        {
            cut = limit;
        }

        var open = text.LastIndexOf('<', cut - 1);
        if (open > 0 && text.LastIndexOf('>', cut - 1) < open)
        {
            cut = open;
        }

        var amp = text.LastIndexOf('&', cut - 1);
        if (amp > 0 && cut - amp < 8 && text.IndexOf(';', amp, cut - amp) < 0)
        {
            cut = amp;
        }

        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return cut > 0 ? cut : Math.Min(limit, text.Length);
    }

    private static JsonObject? Button(ChatAction action)
    {
        var value = action.Value;
        var actionId = ActionPrefix + action.Id;
        if (value.Length is 0 or > SlackLimits.ButtonValue || actionId.Length > SlackLimits.ActionId)
        {
            return null;
        }

        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["text"] = PlainText(Truncate(action.Label, SlackLimits.ButtonText)),
            ["value"] = value,
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
