using Microsoft.Extensions.Logging;

namespace SeedanceBot.Seedance;

/// <summary>The Seedance client's log events (2000-2999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, EventName = "SeedanceApiError", Level = LogLevel.Warning,
        Message = "Seedance {Method} answered {StatusCode} ({ErrorCode})")]
    public static partial void ApiError(ILogger logger, string method, int statusCode, string errorCode);

    [LoggerMessage(EventId = 2002, EventName = "SeedanceUnknownJobStatus", Level = LogLevel.Warning,
        Message = "Seedance reported the unknown job status '{Status}' (job {JobId}); treating it as not finished")]
    public static partial void UnknownJobStatus(ILogger logger, string status, string jobId);

    [LoggerMessage(EventId = 2010, EventName = "SeedanceRateLimitHold", Level = LogLevel.Warning,
        Message = "Seedance rate limit hit (429): holding every call for {Seconds:0.#} s, until {Until:O}")]
    public static partial void HoldingAfterTooManyRequests(ILogger logger, double seconds, DateTimeOffset until);

    [LoggerMessage(EventId = 2011, EventName = "SeedanceRateLimitWindowExhausted", Level = LogLevel.Information,
        Message = "Seedance rate-limit window spent ({Limit} requests); calls wait for the reset at {Reset:O}")]
    public static partial void WindowExhausted(ILogger logger, int limit, DateTimeOffset reset);

    [LoggerMessage(EventId = 2020, EventName = "SeedanceSharedBudgetUnavailable", Level = LogLevel.Warning,
        Message = "The request budget shared by the replicas could not be read; waiting for the next window")]
    public static partial void SharedBudgetUnavailable(ILogger logger, Exception exception);
}
