namespace SeedanceBot.Core.Video;

/// <summary>A provider's view of one job.</summary>
/// <param name="ProviderJobId">The provider's handle on the job.</param>
/// <param name="State">Reduced state.</param>
/// <param name="ProviderStatus">The raw status word, for logs and /status.</param>
/// <param name="Progress">0-100 when the provider reports it.</param>
/// <param name="EstimatedRemaining">Time left when the provider reports it.</param>
/// <param name="VideoUrl">The MP4, when succeeded. It may expire: fetch the job again for a fresh one.</param>
/// <param name="Error">Why it failed, when failed.</param>
/// <param name="CompletionTokens">The tokens a succeeded job is billed for, when the provider bills by tokens and reports them (ModelArk's <c>usage.completion_tokens</c>).</param>
/// <param name="LastFrameUrl">The video's last frame as an image, when succeeded and the provider returns one (the first frame of a clip that continues it). It may expire like <paramref name="VideoUrl"/>.</param>
public sealed record VideoJobStatus(
    string ProviderJobId,
    VideoJobState State,
    string ProviderStatus,
    int? Progress = null,
    TimeSpan? EstimatedRemaining = null,
    Uri? VideoUrl = null,
    VideoJobError? Error = null,
    long? CompletionTokens = null,
    Uri? LastFrameUrl = null);
