namespace SeedanceBot.Core.Replicas;

/// <summary>
/// Named leases shared by every replica on one store: a lease is held by one owner until its expiry, renewed while the
/// owner works, and free for anyone once it expired or was released. "Now" is the store's <see cref="TimeProvider"/>.
/// What runs once (command registration, a Discord shard) holds one; see <see cref="LeasedSingleton"/>.
/// </summary>
public interface IReplicaLeases
{
    /// <summary>
    /// Takes <paramref name="name"/> for <paramref name="owner"/> until <paramref name="until"/> when it is free, expired
    /// or already this owner's (then it is renewed); false while another owner holds it.
    /// </summary>
    Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Moves the expiry of a lease <paramref name="owner"/> still holds; false when it expired or is another's (lost).</summary>
    Task<bool> RenewAsync(string name, string owner, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Frees the lease if <paramref name="owner"/> holds it; does nothing otherwise.</summary>
    Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken);

    /// <summary>The unexpired leases whose name starts with <paramref name="prefix"/>, by name.</summary>
    Task<IReadOnlyList<ReplicaLease>> ListAsync(string prefix, CancellationToken cancellationToken);
}
