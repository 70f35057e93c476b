namespace SeedanceBot.Benchmarks;

/// <summary>
/// What one poller strategy cost for N jobs, in simulated time: finish-to-post delays (from the job finishing at the
/// API to its result being posted) and end-to-end times (from the command to the posted result).
/// </summary>
internal sealed record PollerRun(
    string Strategy,
    int Jobs,
    int Completed,
    int Requests,
    int TooManyRequests,
    double MedianDelaySeconds,
    double P95DelaySeconds,
    double MedianEndToEndSeconds,
    double P95EndToEndSeconds,
    TimeSpan SimulatedTime)
{
    public double RequestsPerJob => Completed == 0 ? double.NaN : (double)Requests / Completed;

    public static PollerRun From(string strategy, int jobs, IReadOnlyList<(double Delay, double EndToEnd)> times, int requests, int tooMany, TimeSpan simulated)
    {
        var delays = times.Select(t => t.Delay).Order().ToArray();
        var endToEnd = times.Select(t => t.EndToEnd).Order().ToArray();
        return new PollerRun(strategy, jobs, delays.Length, requests, tooMany,
            Percentile(delays, 0.5), Percentile(delays, 0.95), Percentile(endToEnd, 0.5), Percentile(endToEnd, 0.95), simulated);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
