namespace SeedanceBot.Core.Jobs;

/// <summary>
/// Which replica works on a job right now. The engine steps a job only while it holds the job's claim, renews it while
/// a step lasts and releases it after; a claim not renewed lapses at its expiry, so a dead replica's jobs pass to
/// another. A store shared by several processes keeps claims as replica leases (<see cref="LeasedJobClaims"/>); a
/// one-process store grants every claim (<see cref="LocalJobClaims"/>: the engine never works one job twice at once
/// within its process).
/// </summary>
public interface IJobClaims
{
    /// <summary>
    /// Claims <paramref name="jobId"/> for <paramref name="owner"/> until <paramref name="until"/>: granted when nobody
    /// holds it, when its claim expired, or when <paramref name="owner"/> holds it already.
    /// </summary>
    Task<bool> TryClaimAsync(string jobId, string owner, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Extends the claim to <paramref name="until"/>; false when <paramref name="owner"/> no longer holds it (another replica took it).</summary>
    Task<bool> RenewAsync(string jobId, string owner, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Gives the claim up (a no-op when <paramref name="owner"/> does not hold it).</summary>
    Task ReleaseAsync(string jobId, string owner, CancellationToken cancellationToken);
}
