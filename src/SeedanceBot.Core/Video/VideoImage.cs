using System.Text.Json.Serialization;

namespace SeedanceBot.Core.Video;

/// <summary>
/// One input image of a request. An adapter hands Core the bytes it downloaded (<see cref="Content"/>); Core checks them
/// (<see cref="Media.IImageInspector"/>), stores them durably (<see cref="Media.IMediaStore"/>) and keeps only the
/// <see cref="MediaKey"/> in the job. The engine reads the bytes back for the provider at each submission.
/// </summary>
public sealed record VideoImage
{
    public required ImageRole Role { get; init; }

    /// <summary><c>image/png</c>, <c>image/jpeg</c> or <c>image/webp</c>, as read from the bytes (never from a file name).</summary>
    public string? ContentType { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary>The file's size in bytes.</summary>
    public long Length { get; init; }

    /// <summary>Where the bytes are stored, once they are (see <see cref="Media.IMediaStore"/>).</summary>
    public string? MediaKey { get; init; }

    /// <summary>The name the user gave the file, for messages only.</summary>
    public string? FileName { get; init; }

    /// <summary>The bytes, only while in flight (from the adapter, or read back for a submission); never stored in the job.</summary>
    [JsonIgnore]
#pragma warning disable CA1819 // a record in flight: the bytes are handed over, not shared
    public byte[]? Content { get; init; }
#pragma warning restore CA1819
}
