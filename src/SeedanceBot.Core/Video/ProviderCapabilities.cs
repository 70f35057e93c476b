namespace SeedanceBot.Core.Video;

/// <summary>What a provider can do and the limits Core validates against before calling it.</summary>
public sealed record ProviderCapabilities
{
    public required string Name { get; init; }

    public int MaxPromptLength { get; init; } = 2000;

    public int MinShotSeconds { get; init; } = 1;

    public int MaxShotSeconds { get; init; } = 20;

    public int MaxScenes { get; init; } = 10;

    public int MaxTotalSeconds { get; init; } = 60;

    /// <summary>The shortest video the provider makes (a storyboard's shots together).</summary>
    public int MinTotalSeconds { get; init; } = 1;

    /// <summary>Seconds a single shot gets when the user names no duration.</summary>
    public int DefaultShotSeconds { get; init; } = 5;

    public long MaxSeed { get; init; } = uint.MaxValue;

    /// <summary>True when the provider takes scenes natively; otherwise the storyboard becomes one prompt.</summary>
    public bool NativeStoryboards { get; init; } = true;

    /// <summary>True when the provider reports the account's credit.</summary>
    public bool ReportsBalance { get; init; } = true;

    public bool SupportsWebhooks { get; init; } = true;

    /// <summary>Jobs the account may run at once at the provider (its concurrency limit); null when it sets none.</summary>
    public int? MaxConcurrentJobs { get; init; }

    /// <summary>How long a finished video's link works; null when links are renewed on every fetch.</summary>
    public TimeSpan? VideoLinkLifetime { get; init; }

    /// <summary>
    /// Every video's last frame is kept as an image (<see cref="IVideoProvider.GetLastFrameUrlAsync"/>), so a result can
    /// be continued from it; its link lasts as long as the video's.
    /// </summary>
    public bool ReturnsLastFrame { get; init; }

    /// <summary>How the provider bills a video (which price in <c>Pricing</c> applies): by seconds unless it says otherwise.</summary>
    public Costs.VideoBilling Billing { get; init; } = Costs.VideoBilling.PerSecond;
    /// <summary>The input images the provider takes; null when it makes videos from text only.</summary>
    public ImageInputLimits? Images { get; init; }
}
