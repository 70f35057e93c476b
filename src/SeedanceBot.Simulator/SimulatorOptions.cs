using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace SeedanceBot.Simulator;

/// <summary>The <c>Simulator</c> configuration section (environment form <c>Simulator__RequestsPerMinute</c> etc.).</summary>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The TimeSpan ranges are read by the source-generated validator, which builds its own trim-safe copies; nothing reflects over these attributes.")]
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Comma-separated keys accepted as Bearer tokens; empty accepts any non-empty key.</summary>
    public string ApiKeys { get; set; } = string.Empty;

    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 60;

    /// <summary>1 = real time; 10 = jobs finish ten times faster.</summary>
    [Range(0.001, 1_000_000)]
    public double TimeScale { get; set; } = 1;

    /// <summary>Share of jobs that end <c>failed</c>.</summary>
    [Range(0.0, 1.0)]
    public double FailureRate { get; set; }

    /// <summary>Share of API requests answered 500.</summary>
    [Range(0.0, 1.0)]
    public double ServerErrorRate { get; set; }

    /// <summary>Generation time of any job, before scaling.</summary>
    [Range(0.0, 86_400)]
    public double BaseGenerationSeconds { get; set; } = 30;

    /// <summary>Extra generation time per requested video second, before scaling.</summary>
    [Range(0.0, 3_600)]
    public double SecondsPerVideoSecond { get; set; } = 10;

    [Range(0.0, 1e12)]
    public double InitialBalance { get; set; } = 1000;

    /// <summary>Added to every API response (awaited on the simulator's clock).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan Latency { get; set; }

    /// <summary>How long a signed media URL stays valid.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MediaUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Seeds the simulator's randomness (failures, ids) for repeatable runs.</summary>
    public int? RandomSeed { get; set; }

    internal IReadOnlySet<string> AcceptedKeys =>
        ApiKeys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
