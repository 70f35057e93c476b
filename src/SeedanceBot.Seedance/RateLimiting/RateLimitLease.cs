namespace SeedanceBot.Seedance.RateLimiting;

/// <summary>Permission to send one request. Report the response with <see cref="Complete"/>; disposing without it counts the request as spent.</summary>
/// <param name="gate">The gate that granted it.</param>
/// <param name="window">The server window the request spends from, when the gate knows it (null while probing).</param>
internal sealed class RateLimitLease(RateLimitGate gate, RateLimitWindow? window = null) : IDisposable
{
    private int _released;

    public RateLimitWindow? Window => window;

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
