using System.Globalization;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Media;

/// <summary>How a job's images are named in <see cref="IMediaStore"/>: <c>{jobId}/{role}-{n}</c>.</summary>
public static class MediaKeys
{
    public static string Image(string jobId, ImageRole role, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{jobId}/{role.ToString().ToLowerInvariant()}-{index}");
}
