namespace SeedanceBot.Core.Media;

/// <summary>
/// What <see cref="IImageInspector"/> read: the content type and size from the header, or why the bytes are not a usable
/// image (<see cref="Problem"/>, words for the user).
/// </summary>
public sealed record ImageHeader(string? ContentType, int Width, int Height, string? Problem = null)
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Webp = "image/webp";

    public bool IsImage => Problem is null && ContentType is not null;

    public static ImageHeader Refused(string problem) => new(null, 0, 0, problem);
}
