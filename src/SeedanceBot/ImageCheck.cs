using System.Globalization;
using SeedanceBot.Images;

namespace SeedanceBot;

/// <summary>
/// <c>SeedanceBot --check-image=PATH</c>: reads a file's header as /video would (type, size, whether it is whole) and
/// prints what it found, then what /video would refuse (the Seedance models' limits); exits 0 for a usable PNG, JPEG or
/// WebP, 1 otherwise. Proves the native image library loads in
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

        var inspector = ImagesExtensions.CreateInspector();
        var header = inspector.Inspect(content);
        if (!header.IsImage)
        {
            await output.WriteLineAsync($"{path}: refused: {header.Problem}");
            return 1;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{path}: {header.ContentType}, {header.Width}x{header.Height} px, {content.Length} bytes"));

        // What /video would say of it as a first frame, against the Seedance models' limits.
        var (_, errors) = Core.Media.ImageChecks.Check([new Core.Video.VideoImage { Role = Core.Video.ImageRole.FirstFrame, Content = content }], Core.Video.ImageInputLimits.Seedance, inspector);
        foreach (var error in errors)
        {
            await output.WriteLineAsync($"{path}: refused: {error.Message}");
        }

        return errors.Count == 0 ? 0 : 1;
    }
}
