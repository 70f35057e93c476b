namespace SeedanceBot.Discord.Contracts;

/// <summary>A rich embed (limits: title 256, description 4096, 25 fields, 6000 in all).</summary>
internal sealed record Embed(
    string? Title = null,
    string? Description = null,
    string? Url = null,
    int? Color = null,
    IReadOnlyList<EmbedField>? Fields = null,
    EmbedFooter? Footer = null);
