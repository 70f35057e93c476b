using System.Globalization;
using SeedanceBot.Images;

namespace SeedanceBot;

/// <summary>
/// <c>SeedanceBot --check-image=PATH</c>: reads a file's header as /video would (type, size, whether it is whole) and
/// prints what it found; exits 0 for a usable PNG, JPEG or WebP, 1 otherwise. Proves the native image library loads in
/// the published (Native AOT) executable.
/// </summary>
internal static class ImageCheck
{
    public const string Switch = "--check-image";

    public static bool Requested(string[] args) => args.Any(a => a.StartsWith(Switch + "=", StringComparison.Ordinal));

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var path = args.First(a => a.StartsWith(Switch + "=", StringComparison.Ordinal))[(Switch.Length + 1)..];
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            await output.WriteLineAsync($"{path}: can't be read ({ex.Message})");
            return 1;
        }

        var header = ImagesExtensions.CreateInspector().Inspect(content);
        await output.WriteLineAsync(header.IsImage
            ? string.Create(CultureInfo.InvariantCulture, $"{path}: {header.ContentType}, {header.Width}x{header.Height} px, {content.Length} bytes")
            : $"{path}: refused: {header.Problem}");
        return header.IsImage ? 0 : 1;
    }
}
