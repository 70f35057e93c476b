using SeedanceBot.Core.Video;

namespace SeedanceBot.Seedance.RateLimiting;

/// <summary>Core's view of the shared gate: when the API's rate limit lets calls through again.</summary>
internal sealed class SeedanceThrottle(RateLimitGate gate, TimeProvider time) : IProviderThrottle
{
    public DateTimeOffset? ResumesAt => gate.ResumesAt(time.GetUtcNow());
}
