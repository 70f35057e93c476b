using System.Buffers.Binary;
using SeedanceBot.Core.Media;

namespace SeedanceBot.Images;

/// <summary>
/// The managed first line of defence: which of PNG, JPEG and WebP a file is from its magic bytes, and whether its
/// container is whole. Reads structure only (chunk lengths, markers), never compressed data.
/// </summary>
internal static class ImageSniffer
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static (string? ContentType, string Problem) Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(PngSignature))
        {
            return (ImageHeader.Png, "");
        }

        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
        {
            return (ImageHeader.Jpeg, "");
        }

        if (content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return (ImageHeader.Webp, "");
        }

        var other = content.StartsWith("GIF8"u8) ? "a GIF image"
            : content.StartsWith("BM"u8) ? "a BMP image"
            : content.StartsWith("II*\0"u8) || content.StartsWith("MM\0*"u8) ? "a TIFF image"
            : content.Length >= 12 && content[4..8].SequenceEqual("ftyp"u8) ? "a HEIC/AVIF image or a video"
            : content.StartsWith("%PDF"u8) ? "a PDF"
            : null;
        return (null, other is null ? "it is not an image (not a PNG, JPEG or WebP, whatever its name says)" : $"it is {other}, not PNG, JPEG or WebP");
    }

    public static string Name(string contentType) => contentType switch
    {
        ImageHeader.Png => "PNG",
        ImageHeader.Jpeg => "JPEG",
        _ => "WebP",
    };

    /// <summary>Why the file is not whole, or null when its container is complete.</summary>
    public static string? CutShort(ReadOnlySpan<byte> content, string contentType) => contentType switch
    {
        ImageHeader.Png => PngCutShort(content),
        ImageHeader.Jpeg => JpegCutShort(content),
        _ => WebpCutShort(content),
    };

    private static string? PngCutShort(ReadOnlySpan<byte> content)
    {
        const string Cut = "the file is cut short (its PNG chunks end before IEND)";
        var offset = PngSignature.Length;
        var first = true;
        while (offset + 12 <= content.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(content[offset..]);
            var type = content.Slice(offset + 4, 4);
            if (first && !type.SequenceEqual("IHDR"u8))
            {
                return "its PNG header is missing";
            }

            first = false;
            if (length > int.MaxValue || offset + 12 + (long)length > content.Length)
            {
                return Cut;
            }

            if (type.SequenceEqual("IEND"u8))
            {
                return null;
            }

            offset += 12 + (int)length;
        }

        return Cut;
    }

    private static string? JpegCutShort(ReadOnlySpan<byte> content)
    {
        // A whole JPEG ends with its EOI marker; allow a little padding after it.
        var tail = content[Math.Max(0, content.Length - 1024)..];
        for (var i = tail.Length - 2; i >= 0; i--)
        {
            if (tail[i] == 0xFF && tail[i + 1] == 0xD9)
            {
                return null;
            }
        }

        return "the file is cut short (the JPEG has no end marker)";
    }

    private static string? WebpCutShort(ReadOnlySpan<byte> content)
    {
        var riffLength = BinaryPrimitives.ReadUInt32LittleEndian(content[4..]);
        return riffLength + 8L > content.Length ? "the file is cut short (shorter than its WebP header says)" : null;
    }
}
