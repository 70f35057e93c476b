using SeedanceBot.Core.Chat;

namespace SeedanceBot.Playground;

/// <summary>One message in the page's chat, as the browser receives it. Replaced whole when edited.</summary>
public sealed record PlaygroundMessage(
    string Id,
    string Author,
    PlaygroundAuthorKind Kind,
    string Text,
    ChatTone Tone,
    bool Ephemeral,
    string? ForUser,
    string? Mention,
    IReadOnlyList<ChatField> Fields,
    string? VideoUrl,
    long Sequence)
{
    /// <summary>Files that came with the message: images are shown, others linked.</summary>
    public IReadOnlyList<PlaygroundFile> Files { get; init; } = [];

    /// <summary>The buttons under it (a result's Continue, Re-roll, Fresh link, Delete), posted back to <c>/playground/api/actions</c>.</summary>
    public IReadOnlyList<ChatAction> Actions { get; init; } = [];
}
