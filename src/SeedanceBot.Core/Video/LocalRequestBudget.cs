namespace SeedanceBot.Core.Video;

/// <summary>The budget of a bot that runs as one process: every request passes (the process's own gate keeps the limit).</summary>
internal sealed class LocalRequestBudget : IRequestBudget
{
    public bool IsShared => false;

    public Task<bool> TryTakeAsync(string bucket, DateTimeOffset windowEnd, int limit, CancellationToken cancellationToken) => Task.FromResult(true);
}
