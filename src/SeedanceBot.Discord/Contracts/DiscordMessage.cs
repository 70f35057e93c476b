using System.Text.Json;

namespace SeedanceBot.Discord.Contracts;

/// <summary>A message as the REST API returns it (only what the bot reads).</summary>
internal sealed record DiscordMessage(
    string Id,
    string? ChannelId = null,
    string? Content = null,
    DiscordUser? Author = null,
    IReadOnlyList<Embed>? Embeds = null,
    MessageReference? MessageReference = null,
    IReadOnlyList<JsonElement>? Attachments = null);
