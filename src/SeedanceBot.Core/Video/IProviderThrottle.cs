namespace SeedanceBot.Core.Video;

/// <summary>
/// Optional beside <see cref="IVideoProvider"/>: a rate-limited provider says when calls can go out again, so a waiting
/// job's status can tell the user why it waits.
/// </summary>
public interface IProviderThrottle
{
    /// <summary>When the provider's rate limit lets calls through again; null when it does now.</summary>
    DateTimeOffset? ResumesAt { get; }
}
