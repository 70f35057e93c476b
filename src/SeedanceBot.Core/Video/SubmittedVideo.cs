namespace SeedanceBot.Core.Video;

/// <summary>The provider accepted a submission.</summary>
public sealed record SubmittedVideo(string ProviderJobId, VideoJobState State, DateTimeOffset? CreatedAt);
