namespace SeedanceBot.Seedance.RateLimiting;

/// <summary>Permission to send one request. Report the response with <see cref="Complete"/>; disposing without it counts the request as spent.</summary>
internal sealed class RateLimitLease(RateLimitGate gate) : IDisposable
{
    private int _released;

    public void Complete(RateLimitState state) => Release(state);

    public void Dispose() => Release(null);

    private void Release(RateLimitState? state)
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            gate.Release(state);
        }
    }
}
