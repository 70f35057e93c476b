using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace SeedanceBot.Seedance.RateLimiting;

/// <summary>What one response said about the rate limit, parsed once from its headers.</summary>
/// <param name="Limit"><c>X-RateLimit-Limit</c>: requests allowed in the window.</param>
/// <param name="Remaining"><c>X-RateLimit-Remaining</c>: requests left in the window.</param>
/// <param name="Reset"><c>X-RateLimit-Reset</c>: when the window ends.</param>
/// <param name="RetryAfter"><c>Retry-After</c>, as a delay from <paramref name="ReceivedAt"/>.</param>
/// <param name="IsTooManyRequests">The response was a 429.</param>
/// <param name="ReceivedAt">When the response arrived, by the client's clock.</param>
internal sealed record RateLimitState(
    int? Limit,
    int? Remaining,
    DateTimeOffset? Reset,
    TimeSpan? RetryAfter,
    bool IsTooManyRequests,
    DateTimeOffset ReceivedAt)
{
    public const string LimitHeader = "X-RateLimit-Limit";
    public const string RemainingHeader = "X-RateLimit-Remaining";
    public const string ResetHeader = "X-RateLimit-Reset";

    public static RateLimitState FromResponse(HttpResponseMessage response, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        var reset = ReadDouble(headers, ResetHeader) is { } seconds && seconds > 0
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : (DateTimeOffset?)null;
        return new RateLimitState(
            ReadInt(headers, LimitHeader),
            ReadInt(headers, RemainingHeader),
            reset,
            ReadRetryAfter(headers.RetryAfter, receivedAt),
            response.StatusCode == HttpStatusCode.TooManyRequests,
            receivedAt);
    }

    /// <summary>Reads <c>Retry-After</c> in either of its forms (delta seconds or an HTTP date).</summary>
    public static TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? retryAfter, DateTimeOffset now) => retryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static int? ReadInt(HttpResponseHeaders headers, string name) =>
        ReadDouble(headers, name) is { } value && value >= 0 && value <= int.MaxValue ? (int)value : null;

    private static double? ReadDouble(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && double.IsFinite(value)
            ? value
            : null;
}
