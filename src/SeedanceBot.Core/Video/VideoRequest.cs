namespace SeedanceBot.Core.Video;

/// <summary>
/// A provider-neutral description of the video a user asked for: one prompt, or a storyboard of scenes.
/// Validation against a provider's limits happens in Core before any call; providers map it to their wire shape.
/// </summary>
public sealed record VideoRequest
{
    /// <summary>The single-shot prompt; null when <see cref="Scenes"/> is used.</summary>
    public string? Prompt { get; init; }

    /// <summary>The storyboard; null or empty for a single shot.</summary>
    public IReadOnlyList<VideoScene>? Scenes { get; init; }

    public AspectRatio AspectRatio { get; init; } = AspectRatio.Landscape;

    /// <summary>Length of a single shot in seconds; null lets the provider choose.</summary>
    public int? DurationSeconds { get; init; }

    /// <summary>A style id from the provider's catalogue.</summary>
    public string? Style { get; init; }

    public long? Seed { get; init; }

    public CameraMotion? Camera { get; init; }

    public MotionLevel? Motion { get; init; }

    /// <summary>Input images (image-to-video); null or empty for text only.</summary>
    public IReadOnlyList<VideoImage>? Images { get; init; }

    /// <summary>
    /// The bot's job whose last frame this video starts from (a Continue): its first frame is that frame, and /status
    /// shows the chain. Null for a video that continues nothing.
    /// </summary>
    public string? ContinuesJobId { get; init; }

    /// <summary>Where the provider should call back when the job ends (a hint only; polling stays the safety net).</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>
    /// Who asked (<c>platform:workspace:user</c>), set at submission for providers that want an end-user identifier for
    /// abuse tracking; a provider sends only a salted hash of it, never the id itself.
    /// </summary>
    public string? EndUserId { get; init; }

    /// <summary>
    /// Set at submission when an earlier attempt may have reached the provider (the bot stopped mid-call, or a call
    /// failed): a provider without idempotency keys looks for that job before creating another.
    /// </summary>
    public bool MayExistAlready { get; init; }

    public bool IsStoryboard => Scenes is { Count: > 0 };

    /// <summary>Total requested seconds, or null when a single shot leaves the duration to the provider.</summary>
    public int? TotalSeconds => IsStoryboard ? Scenes!.Sum(s => s.DurationSeconds) : DurationSeconds;
}
