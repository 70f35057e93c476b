namespace SeedanceBot.Discord.Rest;

/// <summary>A file to upload with a message (bytes in memory, so a retried request can send them again).</summary>
internal sealed record DiscordFile(string FileName, ReadOnlyMemory<byte> Content, string ContentType, string? Description = null);
