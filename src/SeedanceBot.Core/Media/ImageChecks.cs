using System.Globalization;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Media;

/// <summary>
/// Checks a request's input images before any charge or call: the roles and counts the provider takes, then each file
/// from its own bytes (type, size, dimensions, aspect ratio) through <see cref="IImageInspector"/>, which reads headers
/// only. Returns the images with what was read filled in, and every problem at once.
/// </summary>
public static class ImageChecks
{
    /// <summary>The bot's own ceiling on one image, whatever the provider allows (adapters download no more).</summary>
    public const long MaxBytes = 30L * 1024 * 1024;

    /// <summary>More images than any provider takes are refused by count without reading them.</summary>
    public const int MaxImages = 12;

    public static (IReadOnlyList<VideoImage> Images, IReadOnlyList<FieldError> Errors) Check(
        IReadOnlyList<VideoImage>? images, ImageInputLimits? limits, IImageInspector inspector)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        var errors = new List<FieldError>();
        if (images is not { Count: > 0 })
        {
            return ([], errors);
        }

        if (limits is null)
        {
            errors.Add(new("images", "This video API makes videos from text only: it takes no images (first frame, last frame or reference)."));
            return (images, errors);
        }

        CheckRoles(images, limits, errors);
        if (images.Count > MaxImages)
        {
            return (images, errors);
        }

        var total = images.Sum(i => i.Content?.LongLength ?? i.Length);
        if (limits.MaxTotalBytes is { } maxTotal && total > maxTotal)
        {
            errors.Add(new("images", $"The images add up to {Megabytes(total)}; this video API takes at most {Megabytes(maxTotal)} of images in one video."));
        }

        var maxBytes = Math.Min(limits.MaxBytes, MaxBytes);
        var read = new List<VideoImage>(images.Count);
        var seen = new Dictionary<ImageRole, int>();
        foreach (var image in images)
        {
            seen[image.Role] = seen.GetValueOrDefault(image.Role) + 1;
            var name = Describe(image, seen[image.Role], images.Count(i => i.Role == image.Role));
            var field = "images." + RoleField(image.Role);
            var content = image.Content;
            if (content is null)
            {
                // Already stored (a re-roll): checked when it was first given.
                read.Add(image);
                continue;
            }

            if (content.Length == 0)
            {
                errors.Add(new(field, $"{name} is empty."));
                read.Add(image);
                continue;
            }

            if (content.LongLength > maxBytes)
            {
                errors.Add(new(field, $"{name} is {Megabytes(content.LongLength)}; an image may be at most {Megabytes(maxBytes)}."));
                read.Add(image);
                continue;
            }

            var header = inspector.Inspect(content);
            if (!header.IsImage)
            {
                errors.Add(new(field, $"{name} can't be used: {header.Problem ?? "it is not an image"}. Use a PNG, JPEG or WebP file."));
                read.Add(image);
                continue;
            }

            var checkedImage = image with { ContentType = header.ContentType, Width = header.Width, Height = header.Height, Length = content.LongLength };
            read.Add(checkedImage);
            if (header.Width < limits.MinSide || header.Height < limits.MinSide || header.Width > limits.MaxSide || header.Height > limits.MaxSide)
            {
                errors.Add(new(field, $"{name} is {header.Width}x{header.Height} px; each side must be {limits.MinSide}-{limits.MaxSide} px."));
                continue;
            }

            var aspect = (double)header.Width / header.Height;
            if (aspect < limits.MinAspect || aspect > limits.MaxAspect)
            {
                errors.Add(new(field, string.Create(CultureInfo.InvariantCulture,
                    $"{name} is {header.Width}x{header.Height} px (width / height {aspect:0.##}); the width divided by the height must be between {limits.MinAspect} and {limits.MaxAspect}.")));
            }
        }

        return (read, errors);
    }

    public static string RoleField(ImageRole role) => role switch
    {
        ImageRole.FirstFrame => "first_frame",
        ImageRole.LastFrame => "last_frame",
        _ => "reference",
    };

    public static string RoleName(ImageRole role) => role switch
    {
        ImageRole.FirstFrame => "first frame",
        ImageRole.LastFrame => "last frame",
        _ => "reference image",
    };

    private static void CheckRoles(IReadOnlyList<VideoImage> images, ImageInputLimits limits, List<FieldError> errors)
    {
        foreach (var group in images.GroupBy(i => i.Role).OrderBy(g => g.Key))
        {
            var count = group.Count();
            var field = "images." + RoleField(group.Key);
            if (!limits.MaxPerRole.TryGetValue(group.Key, out var max) || max <= 0)
            {
                errors.Add(new(field, $"This video API takes no {RoleName(group.Key)}; {Supported(limits)}."));
            }
            else if (count > max)
            {
                errors.Add(new(field, $"You gave {count} {RoleName(group.Key)}s; this video API takes at most {max}."));
            }
        }

        var frames = images.Any(i => i.Role is ImageRole.FirstFrame or ImageRole.LastFrame);
        if (images.Any(i => i.Role == ImageRole.LastFrame) && !images.Any(i => i.Role == ImageRole.FirstFrame))
        {
            errors.Add(new("images.last_frame", "A last frame needs a first frame too: give both, or the first frame alone."));
        }

        if (!limits.MixReferences && frames && images.Any(i => i.Role == ImageRole.Reference))
        {
            errors.Add(new("images.reference", "Reference images can't be combined with a first or last frame: use frames or references, not both."));
        }
    }

    private static string Supported(ImageInputLimits limits)
    {
        var roles = limits.MaxPerRole.Where(r => r.Value > 0).Select(r => RoleName(r.Key)).ToList();
        return roles.Count == 0 ? "it takes no images at all" : "it takes: " + string.Join(", ", roles);
    }

    private static string Describe(VideoImage image, int index, int ofRole)
    {
        var what = ofRole > 1 ? $"{RoleName(image.Role)} {index}" : RoleName(image.Role);
        var file = string.IsNullOrWhiteSpace(image.FileName) ? "" : $" ({Clip(image.FileName)})";
        return "The " + what + file;
    }

    private static string Clip(string name)
    {
        var clean = new string([.. name.Where(c => !char.IsControl(c) && c is not '@' and not '<' and not '>' and not '`' and not '*' and not '_')]);
        return clean.Length <= 60 ? clean : clean[..57] + "...";
    }

    private static string Megabytes(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d / 1024d:0.#} MB");
}
