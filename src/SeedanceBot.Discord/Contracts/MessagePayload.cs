namespace SeedanceBot.Discord.Contracts;

/// <summary>A message to create or edit (channel, webhook, interaction response). Mentions are always explicit.</summary>
internal sealed record MessagePayload
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;

    public IReadOnlyList<Component>? Components { get; init; }

    public MessageReference? MessageReference { get; init; }

    public IReadOnlyList<AttachmentSlot>? Attachments { get; init; }

    public int? Flags { get; init; }

    public string? Nonce { get; init; }

    public bool? EnforceNonce { get; init; }

    public const int EphemeralFlag = 64;
}
