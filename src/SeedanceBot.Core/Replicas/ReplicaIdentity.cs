namespace SeedanceBot.Core.Replicas;

/// <summary>This process among the replicas sharing one database: the owner name of its leases and claims.</summary>
/// <param name="Id">Unique among live replicas; see <see cref="ReplicaOptions.Id"/>.</param>
public sealed record ReplicaIdentity(string Id)
{
    /// <summary>The configured id, or the host name and process id when none is configured.</summary>
    public static ReplicaIdentity From(ReplicaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.Id is { Length: > 0 } id ? id : $"{Environment.MachineName}-{Environment.ProcessId}");
    }
}
