using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Jobs;

/// <summary>
/// When to ask about a running job, and how urgently. The first check comes near the expected finish for the requested
/// length (with a webhook registered, only a late reconciling check: the callback brings the result); later checks
/// follow the provider's own estimate when it gives one, else back off (a quarter of the time already spent, between
/// the minimum and maximum interval) with ±20% jitter. Never the naive fixed 15 s per job.
/// </summary>
public sealed class PollSchedule(JobOptions options, Random? random = null)
{
    /// <summary>Polls of one job that may go before submissions; later ones wait behind them (a late provider cannot starve the queue).</summary>
    public const int OverduePolls = 3;

    private static readonly TimeSpan MaxEstimateWait = TimeSpan.FromMinutes(10);
    private readonly Random _random = random ?? Random.Shared;

    public TimeSpan Expected(int seconds) => options.ExpectedBase + (options.ExpectedPerVideoSecond * seconds);

    /// <summary>Near the expected finish: polling earlier only spends requests (the interval cap does not apply here).</summary>
    public DateTimeOffset First(DateTimeOffset submittedAt, int seconds, bool webhook = false)
    {
        var expected = Expected(seconds);
        if (webhook)
        {
            // Only a safety net for a lost callback: twice the expected time, and at least the interval cap past it.
            return submittedAt + expected + (expected > options.MaxPollInterval ? expected : options.MaxPollInterval);
        }

        return submittedAt + (expected < options.MinPollInterval ? options.MinPollInterval : expected);
    }

    /// <summary>
    /// How a poll of <paramref name="job"/> queues at the provider's rate limit: <see cref="CallPriority.Overdue"/> (before
    /// submissions) once the job is past its expected finish, for its first <see cref="OverduePolls"/> polls, since such
    /// a poll most likely delivers a result; <see cref="CallPriority.Background"/> (after submissions) otherwise.
    /// </summary>
    public CallPriority PriorityOf(BotJob job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.SubmittedAt is { } submitted && now >= submitted + Expected(job.Seconds) && job.Polls < OverduePolls
            ? CallPriority.Overdue
            : CallPriority.Background;
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
