using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace SeedanceBot.Seedance;

/// <summary><c>Seedance:Resilience</c>: retries, timeouts and the circuit breaker around every API call.</summary>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The TimeSpan ranges are read by the source-generated validator, which builds its own trim-safe copies; nothing reflects over these attributes.")]
public sealed class SeedanceResilienceOptions
{
    /// <summary>Retries after the first attempt, for 429, 5xx, 408, timeouts and network errors.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay; doubles with each retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>No backoff (nor honoured Retry-After) waits longer than this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The whole call, retries and waits at the rate-limit gate included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:30:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Share of failed calls (5xx, timeouts, network) in <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 8;

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one trial call.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
