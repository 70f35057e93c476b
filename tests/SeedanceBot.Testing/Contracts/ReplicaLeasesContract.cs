using Microsoft.Extensions.Time.Testing;
using SeedanceBot.Core.Replicas;
using Xunit;

namespace SeedanceBot.Testing.Contracts;

/// <summary>
/// What every <see cref="IReplicaLeases"/> must do, run once per store: a lease has one holder until it expires or is
/// released, only the holder renews or releases it, and racing owners never both win.
/// </summary>
public abstract class ReplicaLeasesContract : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private readonly Lazy<IReplicaLeases> _leases;

    protected ReplicaLeasesContract() => _leases = new(CreateLeases, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The store's clock: what "now" is for expiries.</summary>
    protected FakeTimeProvider Time { get; } = new(T0);

    protected IReplicaLeases Leases => _leases.Value;

    private static CancellationToken None => CancellationToken.None;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract IReplicaLeases CreateLeases();

    protected virtual void Dispose(bool disposing)
    {
    }

    [Fact]
    public async Task TryAcquire_AFreeName_IsTaken_AndListedWithItsOwnerAndExpiry()
    {
        Assert.True(await Leases.TryAcquireAsync("discord-shard-0", "replica-a", T0 + Ttl, None));

        var held = Assert.Single(await Leases.ListAsync("discord-shard-", None));
        Assert.Equal(new ReplicaLease("discord-shard-0", "replica-a", T0 + Ttl), held);
    }

    [Fact]
    public async Task TryAcquire_HeldByAnother_IsRefused_UntilItExpires()
    {
        await Leases.TryAcquireAsync("commands", "replica-a", T0 + Ttl, None);

        var whileHeld = await Leases.TryAcquireAsync("commands", "replica-b", T0 + Ttl, None);
        Time.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        var justBefore = await Leases.TryAcquireAsync("commands", "replica-b", Time.GetUtcNow() + Ttl, None);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        var atExpiry = await Leases.TryAcquireAsync("commands", "replica-b", Time.GetUtcNow() + Ttl, None);

        Assert.Equal([false, false, true], new[] { whileHeld, justBefore, atExpiry });
        Assert.Equal("replica-b", Assert.Single(await Leases.ListAsync("commands", None)).Owner);
    }

    [Fact]
    public async Task TryAcquire_ByItsHolder_RenewsIt()
    {
        await Leases.TryAcquireAsync("commands", "replica-a", T0 + Ttl, None);

        Assert.True(await Leases.TryAcquireAsync("commands", "replica-a", T0 + (2 * Ttl), None));

        Assert.Equal(T0 + (2 * Ttl), Assert.Single(await Leases.ListAsync("commands", None)).Until);
    }

    [Fact]
    public async Task Renew_ByTheHolder_MovesTheExpiry_ByAnother_IsRefused()
    {
        await Leases.TryAcquireAsync("commands", "replica-a", T0 + Ttl, None);

        var byHolder = await Leases.RenewAsync("commands", "replica-a", T0 + (2 * Ttl), None);
        var byAnother = await Leases.RenewAsync("commands", "replica-b", T0 + (3 * Ttl), None);
        var unknown = await Leases.RenewAsync("never-taken", "replica-a", T0 + Ttl, None);

        Assert.Equal([true, false, false], new[] { byHolder, byAnother, unknown });
        Assert.Equal(new ReplicaLease("commands", "replica-a", T0 + (2 * Ttl)), Assert.Single(await Leases.ListAsync("commands", None)));
    }

    [Fact]
    public async Task Renew_AfterTheLeaseExpired_IsLost_EvenWhenNobodyTookIt()
    {
        await Leases.TryAcquireAsync("commands", "replica-a", T0 + Ttl, None);
        Time.Advance(Ttl);

        Assert.False(await Leases.RenewAsync("commands", "replica-a", Time.GetUtcNow() + Ttl, None));
        Assert.Empty(await Leases.ListAsync("commands", None));
    }

    [Fact]
    public async Task Renew_ByTheOldHolder_AfterAnotherTookTheExpiredLease_IsRefused()
    {
        await Leases.TryAcquireAsync("discord-shard-1", "replica-a", T0 + Ttl, None);
        Time.Advance(Ttl + TimeSpan.FromSeconds(1));
        await Leases.TryAcquireAsync("discord-shard-1", "replica-b", Time.GetUtcNow() + Ttl, None);

        Assert.False(await Leases.RenewAsync("discord-shard-1", "replica-a", Time.GetUtcNow() + Ttl, None));
        Assert.Equal("replica-b", Assert.Single(await Leases.ListAsync("discord-shard-", None)).Owner);
    }

    [Fact]
    public async Task Release_ByTheHolder_FreesIt_ByAnother_DoesNothing()
    {
        await Leases.TryAcquireAsync("a", "replica-a", T0 + Ttl, None);
        await Leases.TryAcquireAsync("b", "replica-a", T0 + Ttl, None);

        await Leases.ReleaseAsync("a", "replica-a", None);
        await Leases.ReleaseAsync("b", "replica-b", None);
        await Leases.ReleaseAsync("never-taken", "replica-a", None);

        Assert.Equal(["b"], (await Leases.ListAsync(string.Empty, None)).Select(l => l.Name));
        Assert.True(await Leases.TryAcquireAsync("a", "replica-b", T0 + Ttl, None));
    }

    [Fact]
    public async Task List_APrefix_GivesOnlyUnexpiredLeasesStartingWithIt_ByName()
    {
        await Leases.TryAcquireAsync("discord-shard-2", "replica-b", T0 + Ttl, None);
        await Leases.TryAcquireAsync("discord-shard-10", "replica-a", T0 + Ttl, None);
        await Leases.TryAcquireAsync("discord-shard-1", "replica-a", T0 + TimeSpan.FromSeconds(5), None);
        await Leases.TryAcquireAsync("discord_shard_3", "replica-a", T0 + Ttl, None);
        await Leases.TryAcquireAsync("discordXshard-4", "replica-a", T0 + Ttl, None);
        await Leases.TryAcquireAsync("commands", "replica-a", T0 + Ttl, None);
        Time.Advance(TimeSpan.FromSeconds(5));

        var listed = await Leases.ListAsync("discord-shard-", None);

        Assert.Equal(["discord-shard-10", "discord-shard-2"], listed.Select(l => l.Name));
        Assert.Single(await Leases.ListAsync("discord_shard_", None));
    }

    [Fact]
    public async Task TryAcquire_SixteenOwnersAtOnce_OnlyOneHoldsIt()
    {
        await Leases.ListAsync(string.Empty, None);
        using var start = new Barrier(16);
        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(10));
            return await Leases.TryAcquireAsync("discord-shard-0", "replica-" + i, T0 + Ttl, None);
        })).ToList();

        var won = await Task.WhenAll(attempts);

        Assert.Single(won, w => w);
        var holder = Assert.Single(await Leases.ListAsync("discord-shard-0", None)).Owner;
        Assert.Equal("replica-" + Array.IndexOf(won, true), holder);
    }
}
