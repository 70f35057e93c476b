namespace SeedanceBot.Core.Media;

/// <summary>
/// Reads what an image file is from its bytes alone: its type and dimensions from the header, and whether the file is
/// whole. Never decodes pixels, so a hostile file (a decompression bomb, a lying header) costs nothing. Implemented
/// outside Core (SeedanceBot.Images) so Core carries no native library. Must not throw on any input.
/// </summary>
public interface IImageInspector
{
    ImageHeader Inspect(ReadOnlySpan<byte> content);
}
