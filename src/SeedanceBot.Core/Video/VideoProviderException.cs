namespace SeedanceBot.Core.Video;

/// <summary>
/// A provider call failed in a way Core decides on. Messages come from the provider or the client and never carry
/// secrets.
/// </summary>
public sealed class VideoProviderException : Exception
{
    public VideoProviderException(
        VideoProviderErrorKind kind,
        string message,
        IReadOnlyList<FieldError>? fieldErrors = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        FieldErrors = fieldErrors ?? [];
        RetryAfter = retryAfter;
    }

    public VideoProviderException()
        : this(VideoProviderErrorKind.Unavailable, "The video provider failed.")
    {
    }

    public VideoProviderException(string message)
        : this(VideoProviderErrorKind.Unavailable, message)
    {
    }

    public VideoProviderException(string message, Exception innerException)
        : this(VideoProviderErrorKind.Unavailable, message, innerException: innerException)
    {
    }

    public VideoProviderErrorKind Kind { get; }

    public IReadOnlyList<FieldError> FieldErrors { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>True when trying again later may work (the job should wait, not fail).</summary>
    public bool IsTransient => Kind is VideoProviderErrorKind.Unavailable or VideoProviderErrorKind.RateLimited;
}
