namespace SeedanceBot.Core.Chat;

/// <summary>A file that goes with a message (a chart, a CSV): the adapter uploads it the platform's way.</summary>
public sealed record ChatAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content, string? Description = null);
