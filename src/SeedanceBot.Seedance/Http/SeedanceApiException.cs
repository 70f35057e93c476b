using System.Net;
using SeedanceBot.Seedance.Contracts;

namespace SeedanceBot.Seedance.Http;

/// <summary>
/// A Seedance call that did not succeed: an error status with the API's code, message and (for 422) field details, or a
/// local failure (timeout, network, open circuit) with <see cref="StatusCode"/> null. Never carries the API key.
/// </summary>
public sealed class SeedanceApiException : Exception
{
    public const string TimeoutCode = "timeout";
    public const string NetworkErrorCode = "network_error";
    public const string CircuitOpenCode = "circuit_open";

    public SeedanceApiException(HttpStatusCode? statusCode, string? errorCode, string message, IReadOnlyList<SeedanceFieldError>? details = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Details = details ?? [];
        RetryAfter = retryAfter;
    }

    public SeedanceApiException()
        : this(null, null, "The Seedance API call failed.")
    {
    }

    public SeedanceApiException(string message)
        : this(null, null, message)
    {
    }

    public SeedanceApiException(string message, Exception innerException)
        : this(null, null, message, innerException: innerException)
    {
    }

    /// <summary>The HTTP status, or null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The API's error code (<c>validation_failed</c>, ...) or one of this type's local codes.</summary>
    public string? ErrorCode { get; }

    public IReadOnlyList<SeedanceFieldError> Details { get; }

    public TimeSpan? RetryAfter { get; }
}
