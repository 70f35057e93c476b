namespace SeedanceBot.Core.Jobs;

/// <summary>
/// Claims for a store that one process owns (LiteDB, memory): every claim is granted, since the engine already works a
/// job at most once at a time within its process, and the cap is kept by the engine's count of each pass.
/// </summary>
internal sealed class LocalJobClaims(IJobStore store) : IJobClaims
{
    public Task<bool> TryClaimAsync(string jobId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<bool> RenewAsync(string jobId, string owner, DateTimeOffset until, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task ReleaseAsync(string jobId, string owner, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<BotJob?> TryUpdateIntoSlotAsync(BotJob job, int limit, CancellationToken cancellationToken) => store.TryUpdateAsync(job, null, cancellationToken);
}
