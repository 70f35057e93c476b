namespace SeedanceBot.Core.Replicas;

/// <summary>
/// Leases in this process's memory: the default for stores that one process holds (LiteDB, tests), where every lease is
/// this replica's by construction, kept to the same contract as the shared stores.
/// </summary>
public sealed class InMemoryReplicaLeases(TimeProvider time) : IReplicaLeases
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ReplicaLease> _leases = new(StringComparer.Ordinal);

    public Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(owner);
        lock (_lock)
        {
            if (_leases.TryGetValue(name, out var held) && held.Owner != owner && held.Until > time.GetUtcNow())
            {
                return Task.FromResult(false);
            }

            _leases[name] = new ReplicaLease(name, owner, until);
            return Task.FromResult(true);
        }
    }

    public Task<bool> RenewAsync(string name, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            if (!_leases.TryGetValue(name, out var held) || held.Owner != owner || held.Until <= time.GetUtcNow())
            {
                return Task.FromResult(false);
            }

            _leases[name] = held with { Until = until };
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            if (_leases.TryGetValue(name, out var held) && held.Owner == owner)
            {
                _leases.Remove(name);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReplicaLease>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            IReadOnlyList<ReplicaLease> held = [.. _leases.Values.Where(l => l.Until > now && l.Name.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(l => l.Name, StringComparer.Ordinal)];
            return Task.FromResult(held);
        }
    }
}
