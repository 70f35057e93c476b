namespace SeedanceBot.Seedance.RateLimiting;

/// <summary>The gate's view at one moment, for logs, metrics and tests.</summary>
/// <param name="Limit">Requests per window, once a response has said.</param>
/// <param name="Budget">Requests the gate will still send in the current window.</param>
/// <param name="WindowEnd">When the server's current window ends, if known.</param>
/// <param name="HoldUntil">After a 429, nothing is sent before this.</param>
/// <param name="InFlight">Requests sent and not yet answered.</param>
/// <param name="Waiting">Callers queued at the gate.</param>
internal sealed record RateLimitSnapshot(
    int? Limit,
    int Budget,
    DateTimeOffset? WindowEnd,
    DateTimeOffset HoldUntil,
    int InFlight,
    int Waiting);
