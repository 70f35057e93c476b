using SeedanceBot.Core.Replicas;

namespace SeedanceBot.Core.Jobs;

/// <summary>
/// Claims of a store several replicas share: each claim is the replica lease <c>job:{id}</c>
/// (<see cref="IReplicaLeases"/>), so jobs, Discord shards and singletons are held by the one mechanism and table.
/// </summary>
public sealed class LeasedJobClaims(IReplicaLeases leases) : IJobClaims
{
    /// <summary>The prefix of job claims among the leases.</summary>
    public const string Prefix = "job:";

    public static string LeaseName(string jobId) => Prefix + jobId;

    public Task<bool> TryClaimAsync(string jobId, string owner, DateTimeOffset until, CancellationToken cancellationToken) =>
        leases.TryAcquireAsync(LeaseName(jobId), owner, until, cancellationToken);

    public Task<bool> RenewAsync(string jobId, string owner, DateTimeOffset until, CancellationToken cancellationToken) =>
        leases.RenewAsync(LeaseName(jobId), owner, until, cancellationToken);

    public Task ReleaseAsync(string jobId, string owner, CancellationToken cancellationToken) =>
        leases.ReleaseAsync(LeaseName(jobId), owner, cancellationToken);
}
