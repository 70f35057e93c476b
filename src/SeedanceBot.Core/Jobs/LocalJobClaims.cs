namespace SeedanceBot.Core.Jobs;

/// <summary>
/// Claims for a store that one process owns (LiteDB, memory): every claim is granted, since the engine already works a
/// job at most once at a time within its process. Moves into an API slot are taken one at a time within the process,
/// counting the slots held with <see cref="ApiSlots"/>, which is atomic when this process is the store's only writer.
/// </summary>
public sealed class LocalJobClaims(IJobStore store) : IJobClaims, IDisposable
{
    private readonly SemaphoreSlim _slots = new(1, 1);

    public Task<bool> TryClaimAsync(string jobId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<bool> RenewAsync(string jobId, string owner, DateTimeOffset until, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task ReleaseAsync(string jobId, string owner, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<BotJob?> TryUpdateIntoSlotAsync(BotJob job, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            var held = (await store.ListActiveAsync(cancellationToken)).Count(j => ApiSlots.Holds(j.State) && !string.Equals(j.Id, job.Id, StringComparison.Ordinal));
            return ApiSlots.Allows(held, limit) ? await store.TryUpdateAsync(job, null, cancellationToken) : null;
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
