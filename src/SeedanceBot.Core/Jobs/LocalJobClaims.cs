namespace SeedanceBot.Core.Jobs;

/// <summary>
/// Claims for a store that one process owns (LiteDB, memory): every claim is granted without a write, since the engine
/// already works a job at most once at a time within its process.
/// </summary>
public sealed class LocalJobClaims : IJobClaims
{
    public Task<bool> TryClaimAsync(string jobId, string owner, DateTimeOffset until, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<bool> RenewAsync(string jobId, string owner, DateTimeOffset until, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task ReleaseAsync(string jobId, string owner, CancellationToken cancellationToken) => Task.CompletedTask;
}
