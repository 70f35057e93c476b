namespace SeedanceBot.Testing.Discord;

/// <summary>A <c>files[n]</c> part of a multipart upload.</summary>
public sealed record FakeDiscordFile(string PartName, string FileName, string ContentType, byte[] Content);
