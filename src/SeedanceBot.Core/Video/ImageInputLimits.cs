namespace SeedanceBot.Core.Video;

/// <summary>
/// Which input images a provider takes and the limits Core checks before any charge or call. The roles combine in
/// modes: a first frame alone, a first and a last frame, or references only (when <see cref="MixReferences"/> is false).
/// </summary>
public sealed record ImageInputLimits
{
    /// <summary>Images the provider takes per role; a role missing here is not supported.</summary>
    public required IReadOnlyDictionary<ImageRole, int> MaxPerRole { get; init; }

    /// <summary>False when references cannot be combined with first or last frames in one request.</summary>
    public bool MixReferences { get; init; }

    /// <summary>The provider's limit on one image's size.</summary>
    public long MaxBytes { get; init; } = 30L * 1024 * 1024;

    /// <summary>The provider's limit on all of one request's images together (its body size); null when it sets none.</summary>
    public long? MaxTotalBytes { get; init; }

    public int MinSide { get; init; } = 300;

    public int MaxSide { get; init; } = 6000;

    /// <summary>The smallest width / height allowed.</summary>
    public double MinAspect { get; init; } = 0.4;

    /// <summary>The largest width / height allowed.</summary>
    public double MaxAspect { get; init; } = 2.5;

    /// <summary>ModelArk's Seedance limits: first frame (1), first + last (2), or 1-9 references; modes not mixed.</summary>
    public static ImageInputLimits Seedance { get; } = new()
    {
        MaxPerRole = new Dictionary<ImageRole, int> { [ImageRole.FirstFrame] = 1, [ImageRole.LastFrame] = 1, [ImageRole.Reference] = 9 },
    };
}
