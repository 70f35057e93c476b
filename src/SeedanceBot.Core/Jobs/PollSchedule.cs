namespace SeedanceBot.Core.Jobs;

/// <summary>
/// When to ask about a running job. The first check comes near the expected finish for the requested length; later
/// checks follow the provider's own estimate when it gives one, else back off (a quarter of the time already spent,
/// between the minimum and maximum interval) with ±20% jitter. Never the naive fixed 15 s per job.
/// </summary>
public sealed class PollSchedule(JobOptions options, Random? random = null)
{
    private static readonly TimeSpan MaxEstimateWait = TimeSpan.FromMinutes(10);
    private readonly Random _random = random ?? Random.Shared;

    public TimeSpan Expected(int seconds) => options.ExpectedBase + (options.ExpectedPerVideoSecond * seconds);

    /// <summary>Near the expected finish: polling earlier only spends requests (the interval cap does not apply here).</summary>
    public DateTimeOffset First(DateTimeOffset submittedAt, int seconds)
    {
        var expected = Expected(seconds);
        return submittedAt + (expected < options.MinPollInterval ? options.MinPollInterval : expected);
    }

    public DateTimeOffset Next(DateTimeOffset submittedAt, DateTimeOffset now, TimeSpan? providerEstimate)
    {
        if (providerEstimate is { } eta && eta > TimeSpan.Zero)
        {
            // Trust the provider's estimate, a little late rather than early (an early poll is a wasted request).
            // Trusted beyond the usual interval cap, but never past MaxEstimateWait (a wild estimate must not park a job).
            var wait = (eta * (1.0 + (NextFraction() * 0.1))) + TimeSpan.FromSeconds(1);
            return now + (wait < options.MinPollInterval ? options.MinPollInterval : wait > MaxEstimateWait ? MaxEstimateWait : wait);
        }

        return now + Jitter(Clamp((now - submittedAt) * 0.25));
    }

    private double NextFraction()
    {
        lock (_random)
        {
            return _random.NextDouble();
        }
    }

    private TimeSpan Clamp(TimeSpan wait) =>
        wait < options.MinPollInterval ? options.MinPollInterval : wait > options.MaxPollInterval ? options.MaxPollInterval : wait;

    private TimeSpan Jitter(TimeSpan wait)
    {
        var jittered = wait * (0.8 + (NextFraction() * 0.4));
        return jittered < options.MinPollInterval ? options.MinPollInterval : jittered;
    }
}
