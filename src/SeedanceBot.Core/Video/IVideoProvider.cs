namespace SeedanceBot.Core.Video;

/// <summary>
/// The port every video API sits behind (the product's Seedance v2 contract, BytePlus ModelArk).
/// Implementations throw <see cref="VideoProviderException"/> for failures Core must decide on.
/// </summary>
public interface IVideoProvider
{
    ProviderCapabilities Capabilities { get; }

    /// <summary>
    /// Submits a job. <paramref name="idempotencyKey"/> is the bot's own job id: a repeated call with the same key must
    /// not create a second job at the provider.
    /// </summary>
    Task<SubmittedVideo> SubmitAsync(VideoRequest request, string idempotencyKey, CancellationToken cancellationToken);

    Task<VideoJobStatus> GetJobAsync(string providerJobId, CallPriority priority, CancellationToken cancellationToken);

    /// <summary>
    /// A link to the last frame of a succeeded job as the provider gives it now (links expire), or null when it has
    /// none; asked only when someone continues the video, at interactive priority.
    /// </summary>
    Task<Uri?> GetLastFrameUrlAsync(string providerJobId, CancellationToken cancellationToken);

    Task<IReadOnlyList<VideoStyle>> GetStylesAsync(CancellationToken cancellationToken);

    /// <summary>The account's credit, or null when the provider does not report one.</summary>
    Task<AccountBalance?> GetBalanceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads the body of a completion callback (the job as the provider's status call answers it), or null when it is
    /// not one or the provider's callbacks are only a hint to poll. Must not throw on any input.
    /// </summary>
    VideoJobStatus? ReadWebhook(ReadOnlySpan<byte> body) => null;
}
