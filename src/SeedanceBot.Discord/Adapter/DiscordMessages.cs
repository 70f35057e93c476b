using System.Globalization;
using System.Text;
using SeedanceBot.Core.Chat;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Adapter;

/// <summary>
/// Core's plain-text <see cref="ChatMessage"/> as Discord messages: text escaped (markdown and mentions stay text),
/// fields in embeds, buttons whose <c>custom_id</c> carries the job id, and <c>allowed_mentions</c> on every message,
/// permitting at most the requester. Nothing is cut: what does not fit one message (<see cref="DiscordLimits"/>) goes on
/// in further parts, each marked "(part n of m)"; a long field value continues in the next field.
/// </summary>
internal static class DiscordMessages
{
    public const string ButtonPrefix = "sb:";

    /// <summary>Room kept in each part's content for its "(part n of m)" marker.</summary>
    private const int MarkerRoom = 32;

    /// <param name="message">What Core says.</param>
    /// <param name="jobId">Marks a job's result (embed footer), so a retried delivery can find it.</param>
    /// <param name="videoAttached">The video goes up as a file: do not add its link.</param>
    /// <returns>One payload, or several in order when the message does not fit one; the first carries the mention and the buttons.</returns>
    public static IReadOnlyList<MessagePayload> Render(ChatMessage message, string? jobId = null, bool videoAttached = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        var content = new StringBuilder();
        if (message.MentionUserId is { } mention)
        {
            content.Append("<@").Append(mention).Append("> ");
        }

        content.Append(Escape(message.Text));
        if (message.VideoUrl is { } video && !videoAttached)
        {
            // A bare link (not escaped: it is the API's, not the user's): Discord shows its own player for it.
            content.Append('\n').Append(video.AbsoluteUri);
        }

        var texts = Split(content.ToString(), DiscordLimits.Content - MarkerRoom);
        var embeds = Embeds(message, jobId);
        var rows = Buttons(message.Actions).Chunk(DiscordLimits.ButtonsPerRow).Select(Component.Row).Chunk(DiscordLimits.ActionRows).ToList();
        var count = Math.Max(1, Math.Max(texts.Count, Math.Max(embeds.Count, rows.Count)));
        var parts = new List<MessagePayload>(count);
        for (var i = 0; i < count; i++)
        {
            var text = i < texts.Count ? texts[i] : string.Empty;
            if (count > 1)
            {
                text += string.Create(CultureInfo.InvariantCulture, $"{(text.Length > 0 ? "\n" : string.Empty)}(part {i + 1} of {count})");
            }

            parts.Add(new MessagePayload
            {
                Content = text,
                Embeds = i < embeds.Count ? embeds[i] : null,
                Components = i < rows.Count ? rows[i] : null,
                AllowedMentions = i == 0 && message.MentionUserId is { } user ? AllowedMentions.OnlyUser(user) : AllowedMentions.None,
                Flags = message.Ephemeral ? MessagePayload.EphemeralFlag : null,
            });
        }

        return parts;
    }

    /// <summary>The embed footer that marks a job's result, also how a retried delivery finds an earlier post.</summary>
    public static string FooterFor(string jobId) => "SeedanceBot · job " + jobId;

    public static string ButtonId(string action, string jobId) => ButtonPrefix + action + ":" + jobId;

    public static (string Action, string JobId)? ParseButtonId(string? customId)
    {
        var parts = customId?.Split(':', 3) ?? [];
        return parts is ["sb", var action, var job] ? (action, job) : null;
    }

    /// <summary>
    /// Plain text as Discord shows it: markdown characters escaped, and <c>@everyone</c>, <c>@here</c> and
    /// <c>&lt;@...&gt;</c> broken with a zero-width space so they render as text (allowed_mentions already stops pings).
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '>' or '[' or ']')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
            if (c is '@' or '<')
            {
                escaped.Append('\u200B');
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Splits <paramref name="text"/> into pieces of at most <paramref name="limit"/> characters, preferring a line break,
    /// then a space, and never between an escape and what it escapes. Empty text is no piece.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<string>();
        var rest = text.AsSpan();
        while (rest.Length > limit)
        {
            var window = rest[..limit];
            var cut = window.LastIndexOf('\n');
            if (cut < limit / 2)
            {
                cut = window.LastIndexOf(' ');
            }

            if (cut < limit / 2)
            {
                cut = limit;
                while (cut > 1 && (rest[cut - 1] is '\\' || rest[cut] is '\u200B' || char.IsHighSurrogate(rest[cut - 1])))
                {
                    cut--;
                }
            }

            var piece = rest[..cut].TrimEnd();
            if (piece.Length > 0)
            {
                pieces.Add(piece.ToString());
            }

            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            pieces.Add(rest.ToString());
        }

        return pieces;
    }

    /// <summary>The fields as embeds within every limit, grouped per message; the job's footer on the first embed.</summary>
    private static List<Embed[]> Embeds(ChatMessage message, string? jobId)
    {
        var fields = message.Fields.SelectMany(Fields).ToList();
        var footer = jobId is null ? null : new EmbedFooter(FooterFor(jobId));
        var sets = new List<Embed[]>();
        if (fields.Count == 0)
        {
            if (footer is not null)
            {
                sets.Add([new Embed(Color: Color(message.Tone), Footer: footer)]);
            }

            return sets;
        }

        var set = new List<Embed>();
        var current = new List<EmbedField>();
        var characters = footer?.Text.Length ?? 0;
        void CloseEmbed()
        {
            if (current.Count > 0)
            {
                set.Add(new Embed(Color: Color(message.Tone), Fields: [.. current], Footer: sets.Count == 0 && set.Count == 0 ? footer : null));
                current = [];
            }
        }

        void CloseSet()
        {
            CloseEmbed();
            sets.Add([.. set]);
            set = [];
            characters = 0;
        }

        foreach (var field in fields)
        {
            var size = field.Name.Length + field.Value.Length;
            if (characters + size > DiscordLimits.EmbedCharacters)
            {
                CloseSet();
            }
            else if (current.Count == DiscordLimits.FieldsPerEmbed)
            {
                CloseEmbed();
                if (set.Count == DiscordLimits.EmbedsPerMessage)
                {
                    CloseSet();
                }
            }

            current.Add(field);
            characters += size;
        }

        CloseSet();
        return sets;
    }

    /// <summary>One Core field as one or more embed fields: a name over the limit moves whole into the value, a long value continues.</summary>
    private static IEnumerable<EmbedField> Fields(ChatField field)
    {
        var name = Escape(field.Label);
        var value = Escape(field.Value);
        if (name.Length > DiscordLimits.FieldName)
        {
            value = name + "\n" + value;
            name = name[..(DiscordLimits.FieldName - 1)] + "…";
        }

        if (name.Length == 0)
        {
            name = "\u200B";
        }

        var pieces = Split(value, DiscordLimits.FieldValue);
        if (pieces.Count == 0)
        {
            yield return new EmbedField(name, "\u200B", field.Inline);
            yield break;
        }

        var continued = name.Length + " (continued)".Length <= DiscordLimits.FieldName ? name + " (continued)" : name;
        for (var i = 0; i < pieces.Count; i++)
        {
            yield return new EmbedField(i == 0 ? name : continued, pieces[i], field.Inline);
        }
    }

    private static IEnumerable<Component> Buttons(IReadOnlyList<ChatAction> actions) => actions.Select(a =>
    {
        var customId = ButtonId(a.Id, a.Value);
        if (customId.Length > DiscordLimits.CustomId)
        {
            throw new ArgumentException($"The button id '{customId}' is longer than Discord's {DiscordLimits.CustomId} characters.", nameof(actions));
        }

        return new Component(
            Component.Button,
            Style: a.Id switch { ChatAction.Continue or ChatAction.Reroll => 1, ChatAction.Delete => 4, _ => 2 },
            Label: a.Label.Length <= DiscordLimits.ButtonLabel ? a.Label : a.Label[..(DiscordLimits.ButtonLabel - 1)] + "…",
            CustomId: customId);
    });

    private static int Color(ChatTone tone) => tone switch
    {
        ChatTone.Success => 0x2ECC71,
        ChatTone.Error => 0xE74C3C,
        ChatTone.Warning => 0xF1C40F,
        ChatTone.Progress => 0x3498DB,
        _ => 0x95A5A6,
    };
}
