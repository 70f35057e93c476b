using SeedanceBot.Core.Media;
using SkiaSharp;

namespace SeedanceBot.Images;

/// <summary>
/// Reads an image's type and size without decoding a pixel: the type from its first bytes (never its name), a check that
/// the file is whole from its container structure (PNG chunks up to IEND, JPEG's end marker, WebP's RIFF length), then
/// the dimensions from Skia's codec, which parses the header only (<see cref="SKCodec.Create(SKData)"/> and
/// <see cref="SKCodec.Info"/>; pixels would be decoded only by GetPixels, never called). Skia sees only files that already
/// look like one of the three formats. Never throws.
/// </summary>
internal sealed class SkiaImageInspector : IImageInspector
{
    public ImageHeader Inspect(ReadOnlySpan<byte> content)
    {
        var format = ImageSniffer.Sniff(content);
        if (format.ContentType is null)
        {
            return ImageHeader.Refused(format.Problem);
        }

        if (ImageSniffer.CutShort(content, format.ContentType) is { } cut)
        {
            return ImageHeader.Refused(cut);
        }

        try
        {
            using var data = SKData.CreateCopy(content);
            using var codec = SKCodec.Create(data);
            if (codec is null)
            {
                return ImageHeader.Refused("its header can't be read (the file is damaged, or not really a " + ImageSniffer.Name(format.ContentType) + ")");
            }

            var expected = format.ContentType switch
            {
                ImageHeader.Png => SKEncodedImageFormat.Png,
                ImageHeader.Jpeg => SKEncodedImageFormat.Jpeg,
                _ => SKEncodedImageFormat.Webp,
            };
            if (codec.EncodedFormat != expected)
            {
                return ImageHeader.Refused("it is not really a " + ImageSniffer.Name(format.ContentType));
            }

            var info = codec.Info;
            return info.Width > 0 && info.Height > 0
                ? new ImageHeader(format.ContentType, info.Width, info.Height)
                : ImageHeader.Refused("its header gives no size");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OutOfMemoryException)
        {
            return ImageHeader.Refused("its header can't be read");
        }
    }
}
