using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace SeedanceBot.Core.Replicas;

/// <summary>The <c>Replica</c> section: who this process is among the replicas sharing one database.</summary>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The TimeSpan ranges are read by the source-generated validator, which builds its own trim-safe copies; nothing reflects over these attributes.")]
public sealed class ReplicaOptions
{
    public const string SectionName = "Replica";

    /// <summary>
    /// This replica's name: the owner of its leases and the <c>replica</c> label of its metrics. Empty means the host
    /// name and process id (a Kubernetes pod's name is its host name). Two live processes must never share one.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._-]{0,63}$", ErrorMessage = "Replica:Id may only hold letters, digits, '.', '_' and '-' (at most 63).")]
    public string Id { get; set; } = "";

    /// <summary>
    /// How long a lease (a singleton, a Discord shard) stays held without renewal: the holder renews it every third of
    /// this, and when a replica dies another one takes over what it held after at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:10:00", ErrorMessage = "Replica:LeaseDuration must be between 3 seconds and 10 minutes.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);
}
