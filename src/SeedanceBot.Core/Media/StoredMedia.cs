namespace SeedanceBot.Core.Media;

/// <summary>Bytes read back from <see cref="IMediaStore"/>.</summary>
public sealed record StoredMedia(string Key, string JobId, string ContentType, ReadOnlyMemory<byte> Content);
