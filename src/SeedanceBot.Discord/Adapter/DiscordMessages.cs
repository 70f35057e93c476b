using System.Text;
using SeedanceBot.Core.Chat;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Adapter;

/// <summary>
/// Core's plain-text <see cref="ChatMessage"/> as a Discord message: text escaped (markdown and mentions stay text),
/// fields in an embed, buttons whose <c>custom_id</c> carries the job id, and <c>allowed_mentions</c> on every message,
/// permitting at most the requester.
/// </summary>
internal static class DiscordMessages
{
    public const string ButtonPrefix = "sb:";
    private const int ContentLimit = 2000;

    /// <param name="message">What Core says.</param>
    /// <param name="jobId">Marks a job's result (embed footer), so a retried delivery can find it.</param>
    /// <param name="videoAttached">The video goes up as a file: do not add its link.</param>
    public static MessagePayload Render(ChatMessage message, string? jobId = null, bool videoAttached = false)
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

        var embeds = message.Fields.Count == 0 && jobId is null
            ? null
            : new[]
            {
                new Embed(
                    Color: Color(message.Tone),
                    Fields: [.. message.Fields.Take(25).Select(f => new EmbedField(Truncate(Escape(f.Label), 256), Truncate(Escape(f.Value), 1024), f.Inline))],
                    Footer: jobId is null ? null : new EmbedFooter(FooterFor(jobId))),
            };
        var buttons = message.Actions.Take(5).Select(a => new Component(
            Component.Button,
            Style: a.Id switch { ChatAction.Reroll => 1, ChatAction.Delete => 4, _ => 2 },
            Label: a.Label,
            CustomId: ButtonId(a.Id, a.Value))).ToArray();
        return new MessagePayload
        {
            Content = Truncate(content.ToString(), ContentLimit),
            Embeds = embeds,
            Components = buttons.Length == 0 ? null : [Component.Row(buttons)],
            AllowedMentions = message.MentionUserId is { } user ? AllowedMentions.OnlyUser(user) : AllowedMentions.None,
            Flags = message.Ephemeral ? MessagePayload.EphemeralFlag : null,
        };
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

    private static string Truncate(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";

    private static int Color(ChatTone tone) => tone switch
    {
        ChatTone.Success => 0x2ECC71,
        ChatTone.Error => 0xE74C3C,
        ChatTone.Warning => 0xF1C40F,
        ChatTone.Progress => 0x3498DB,
        _ => 0x95A5A6,
    };
}
