namespace SeedanceBot.Core.Chat;

/// <summary>
/// Everything the bot says, in a form every adapter renders safely. All strings are plain text, never markup: adapters
/// escape them for their platform. The only ping a message can carry is <see cref="MentionUserId"/>, one user; there is
/// no way to say "allow all mentions", so echoed user text can never reach @everyone, @here or a role.
/// </summary>
public sealed record ChatMessage
{
    public required string Text { get; init; }

    /// <summary>Visible only to the caller where the platform allows it.</summary>
    public bool Ephemeral { get; init; }

    public ChatTone Tone { get; init; } = ChatTone.Info;

    /// <summary>The one user this message may ping (the requester of a finished video).</summary>
    public string? MentionUserId { get; init; }

    public IReadOnlyList<ChatField> Fields { get; init; } = [];

    /// <summary>A finished video to attach or link.</summary>
    public Uri? VideoUrl { get; init; }

    public IReadOnlyList<ChatAction> Actions { get; init; } = [];

    /// <summary>Files to upload with the message (a /usage chart and its CSV).</summary>
    public IReadOnlyList<ChatAttachment> Attachments { get; init; } = [];

    public static ChatMessage Error(string text) => new() { Text = text, Ephemeral = true, Tone = ChatTone.Error };

    public static ChatMessage Private(string text) => new() { Text = text, Ephemeral = true };
}
