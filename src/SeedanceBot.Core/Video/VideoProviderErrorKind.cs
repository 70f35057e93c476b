namespace SeedanceBot.Core.Video;

public enum VideoProviderErrorKind
{
    /// <summary>The request was refused as invalid; <see cref="VideoProviderException.FieldErrors"/> says why.</summary>
    InvalidRequest,

    /// <summary>The API key is missing, wrong or expired: an admin must act.</summary>
    Unauthorized,

    /// <summary>The job does not exist at the provider.</summary>
    NotFound,

    /// <summary>Still rate limited after the client's own waiting and retries.</summary>
    RateLimited,

    /// <summary>The provider is failing or unreachable (5xx, timeouts, open circuit).</summary>
    Unavailable,

    /// <summary>Content moderation refused the request.</summary>
    ContentRejected,

    /// <summary>The account has no credit left.</summary>
    InsufficientCredit,

    /// <summary>The configured model is not activated (or does not exist) on the account: an admin must act.</summary>
    ModelNotActivated,
}
