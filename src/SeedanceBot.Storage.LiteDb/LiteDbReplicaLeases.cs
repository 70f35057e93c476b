using LiteDB;
using SeedanceBot.Core.Replicas;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// Named leases in the file's <c>leases</c> collection. One process holds a LiteDB file, so every lease is this
/// replica's by construction; the store keeps the same contract as the shared ones (each change one write).
/// </summary>
internal sealed class LiteDbReplicaLeases(LiteDbContext context, TimeProvider time) : IReplicaLeases
{
    private ILiteCollection<LeaseDocument> Leases => context.Database.GetCollection<LeaseDocument>("leases");

    public Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(owner);
        return context.WriteAsync(
            _ =>
            {
                if (ById.Find(Leases, name) is { } held && held.Owner != owner && held.UntilTicks > time.GetUtcNow().UtcTicks)
                {
                    return false;
                }

                Leases.Upsert(new LeaseDocument { Name = name, Owner = owner, UntilTicks = until.UtcTicks });
                return true;
            },
            cancellationToken);
    }

    public Task<bool> RenewAsync(string name, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return context.WriteAsync(
            _ =>
            {
                if (ById.Find(Leases, name) is not { } held || held.Owner != owner || held.UntilTicks <= time.GetUtcNow().UtcTicks)
                {
                    return false;
                }

                held.UntilTicks = until.UtcTicks;
                return Leases.Update(held);
            },
            cancellationToken);
    }

    public Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return context.WriteAsync(_ => ById.Find(Leases, name) is { } held && held.Owner == owner && Leases.Delete(name), cancellationToken);
    }

    public Task<IReadOnlyList<ReplicaLease>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var now = time.GetUtcNow().UtcTicks;
        IReadOnlyList<ReplicaLease> held = [.. Leases.FindAll()
            .Where(l => l.UntilTicks > now && l.Name.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(l => l.Name, StringComparer.Ordinal)
            .Select(l => new ReplicaLease(l.Name, l.Owner, new DateTimeOffset(l.UntilTicks, TimeSpan.Zero)))];
        return Task.FromResult(held);
    }
}
