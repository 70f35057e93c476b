namespace SeedanceBot.Core.Jobs;

/// <summary>
/// Which replica works on a job right now. The engine steps a job only while it holds the job's claim, renews it while
/// a step lasts and releases it after; a claim not renewed lapses at its expiry, so a dead replica's jobs pass to
/// another. Also the one atomic step into a slot at the video API, so all replicas together keep the account's cap.
/// A store shared by several processes implements both across them; a one-process store grants every claim (the
/// engine never works one job twice at once within its process).
/// </summary>
public interface IJobClaims
{
    /// <summary>
    /// Claims <paramref name="jobId"/> for <paramref name="owner"/> until <paramref name="until"/>: granted when nobody
    /// holds it, when its claim expired by <paramref name="now"/>, or when <paramref name="owner"/> holds it already.
    /// </summary>
    Task<bool> TryClaimAsync(string jobId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Extends the claim to <paramref name="until"/>; false when <paramref name="owner"/> no longer holds it (another replica took it).</summary>
    Task<bool> RenewAsync(string jobId, string owner, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Gives the claim up (a no-op when <paramref name="owner"/> does not hold it).</summary>
    Task ReleaseAsync(string jobId, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="job"/>, moving it into a state that holds a slot at the API (<see cref="ApiSlots.Holds"/>),
    /// as <see cref="IJobStore.TryUpdateAsync"/> does, but only if <see cref="ApiSlots.Allows"/> lets it, counting the
    /// other jobs holding a slot in the same atomic step. Null when stale or when every slot is taken.
    /// </summary>
    Task<BotJob?> TryUpdateIntoSlotAsync(BotJob job, int limit, CancellationToken cancellationToken);
}
