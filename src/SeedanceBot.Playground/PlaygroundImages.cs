using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Media;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Playground;

/// <summary>
/// The page's images as Core's typed inputs: the role and the bytes only (type, size and dimensions are Core's to read
/// from the bytes). Refuses here only what is not an image upload at all: an unknown role, bad base64, images on a
/// command other than /video.
/// </summary>
internal static class PlaygroundImages
{
    public static (IReadOnlyList<VideoImage> Images, string? Problem) Read(IReadOnlyList<PlaygroundEndpoints.ImageInput>? inputs, string command)
    {
        if (inputs is not { Count: > 0 })
        {
            return ([], null);
        }

        if (!string.Equals(command, VideoCommand.CommandName, StringComparison.OrdinalIgnoreCase))
        {
            return ([], "Only /video takes images.");
        }

        if (inputs.Count > ImageChecks.MaxImages)
        {
            return ([], $"Attach at most {ImageChecks.MaxImages} images.");
        }

        var images = new List<VideoImage>(inputs.Count);
        foreach (var input in inputs)
        {
            ImageRole? role = input?.Role switch
            {
                "first_frame" => ImageRole.FirstFrame,
                "last_frame" => ImageRole.LastFrame,
                "reference" or "reference_image" => ImageRole.Reference,
                _ => null,
            };
            if (role is null)
            {
                return ([], "Each image needs a role: first_frame, last_frame or reference.");
            }

            var data = input!.Data ?? string.Empty;
            var comma = data.StartsWith("data:", StringComparison.Ordinal) ? data.IndexOf(',', StringComparison.Ordinal) : -1;
            var base64 = comma >= 0 ? data[(comma + 1)..] : data;
            var bytes = new byte[base64.Length / 4 * 3 + 3];
            if (!Convert.TryFromBase64String(base64, bytes, out var written))
            {
                return ([], "An image's data is not base64.");
            }

            images.Add(new VideoImage { Role = role.Value, Content = bytes[..written], FileName = input.Name });
        }

        return (images, null);
    }

    /// <summary>What the chat shows of a command's images (after its text).</summary>
    public static string Describe(IReadOnlyList<VideoImage> images) =>
        images.Count == 0 ? string.Empty : "\n" + string.Join("\n", images.Select(i => $"[{ImageChecks.RoleName(i.Role)}: {Name(i.FileName)}]"));

    private static string Name(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "pasted image" : name.Length <= 80 ? name : name[..77] + "...";
}
