using System.Text.Json.Nodes;

namespace SeedanceBot.Testing.Discord;

/// <summary>A message the bot created (channel, webhook follow-up or interaction response), with its uploaded file if any.</summary>
public sealed record FakeDiscordMessage(string Id, string ChannelId, JsonObject Payload, string Via, FakeDiscordFile? File)
{
    /// <summary>Every <c>files[n]</c> part uploaded with the message, in order (<see cref="File"/> is the first).</summary>
    public IReadOnlyList<FakeDiscordFile> Files { get; init; } = File is null ? [] : [File];

    public string Content => (string?)Payload["content"] ?? string.Empty;

    /// <summary>Seen only by the user who interacted (flags 64), as Discord shows it.</summary>
    public bool Ephemeral => (((int?)Payload["flags"] ?? 0) & 64) != 0;

    public string? FooterText => Payload["embeds"]?.AsArray().Select(e => (string?)e?["footer"]?["text"]).FirstOrDefault(t => t is not null);
}
