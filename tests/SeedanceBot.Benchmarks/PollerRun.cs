namespace SeedanceBot.Benchmarks;

/// <summary>What one poller strategy cost for N jobs, in simulated time.</summary>
internal sealed record PollerRun(string Strategy, int Jobs, int Completed, int Requests, int TooManyRequests, double MedianDelaySeconds, double P95DelaySeconds, TimeSpan SimulatedTime)
{
    public double RequestsPerJob => Completed == 0 ? double.NaN : (double)Requests / Completed;

    public static PollerRun From(string strategy, int jobs, IReadOnlyList<double> delays, int requests, int tooMany, TimeSpan simulated)
    {
        var sorted = delays.Order().ToArray();
        return new PollerRun(strategy, jobs, sorted.Length, requests, tooMany, Percentile(sorted, 0.5), Percentile(sorted, 0.95), simulated);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
