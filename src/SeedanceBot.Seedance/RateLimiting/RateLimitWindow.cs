namespace SeedanceBot.Seedance.RateLimiting;

/// <summary>A server rate-limit window as the gate learned it: when it ends and how many requests it allows.</summary>
internal sealed record RateLimitWindow(DateTimeOffset End, int Limit);
