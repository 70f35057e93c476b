using SeedanceBot.Core.Video;

namespace SeedanceBot.Testing.Fakes;

/// <summary>A request budget shared by the in-process "replicas" of a test, with the PostgreSQL store's rule: at most the limit per (bucket, window).</summary>
public sealed class InMemoryRequestBudget : IRequestBudget
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Bucket, DateTimeOffset End), int> _used = [];

    public bool IsShared => true;

    public int Used(string bucket, DateTimeOffset windowEnd)
    {
        lock (_lock)
        {
            return _used.GetValueOrDefault((bucket, windowEnd));
        }
    }

    public Task<bool> TryTakeAsync(string bucket, DateTimeOffset windowEnd, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var used = _used.GetValueOrDefault((bucket, windowEnd));
            if (used >= limit)
            {
                return Task.FromResult(false);
            }

            _used[(bucket, windowEnd)] = used + 1;
            return Task.FromResult(true);
        }
    }
}
