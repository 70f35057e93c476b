namespace SeedanceBot.Core.Media;

/// <summary>The default when no image library is wired: every image is refused, never trusted unread.</summary>
internal sealed class UnavailableImageInspector : IImageInspector
{
    public ImageHeader Inspect(ReadOnlySpan<byte> content) => ImageHeader.Refused("this bot cannot read images");
}
