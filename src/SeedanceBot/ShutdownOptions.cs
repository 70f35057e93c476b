using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace SeedanceBot;

/// <summary>The <c>Shutdown</c> section: how a replica leaves a load balancer's rotation without dropping a request.</summary>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The TimeSpan ranges are read by the source-generated validator, which builds its own trim-safe copies; nothing reflects over these attributes.")]
internal sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// On SIGTERM, how long the bot keeps serving while <c>/readyz</c> already answers 503, so a proxy or Kubernetes
    /// stops sending it requests before it stops listening. 0 (the default) for one replica, where there is nowhere
    /// else to send them; a few seconds behind a load balancer (the Postgres recipes use 5 s). It counts against the
    /// host's shutdown timeout (30 s) and the orchestrator's grace period.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:02:00", ErrorMessage = "Shutdown:Drain must be between 00:00:00 and 00:02:00.")]
    public TimeSpan Drain { get; set; } = TimeSpan.Zero;
}
