using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Replicas;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Core.Tests.Jobs;

/// <summary>
/// Job claims: leases named <c>job:{id}</c> on a shared store (so the lease contract, run against every store, is the
/// claims' contract too), and free on a one-process store.
/// </summary>
public sealed class JobClaimsTests
{
    private readonly FakeTimeProvider _time = FakeClock.Create();

    [Fact]
    public async Task Leased_AClaim_IsTheJobsLease_HeldByOneReplicaUntilItExpires()
    {
        var leases = new InMemoryReplicaLeases(_time);
        var claims = new LeasedJobClaims(leases);
        var until = _time.GetUtcNow().AddSeconds(30);

        Assert.True(await claims.TryClaimAsync("J1", "a", until, CancellationToken.None));
        Assert.False(await claims.TryClaimAsync("J1", "b", until, CancellationToken.None));
        Assert.True(await claims.TryClaimAsync("J2", "b", until, CancellationToken.None));
        Assert.Equal(
            [new ReplicaLease("job:J1", "a", until), new ReplicaLease("job:J2", "b", until)],
            await leases.ListAsync(LeasedJobClaims.Prefix, CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(await claims.RenewAsync("J1", "a", until.AddSeconds(30), CancellationToken.None));
        Assert.True(await claims.TryClaimAsync("J1", "b", until.AddSeconds(30), CancellationToken.None));
    }

    [Fact]
    public async Task Leased_Release_ByTheHolder_FreesTheJob_ByAnother_DoesNothing()
    {
        var claims = new LeasedJobClaims(new InMemoryReplicaLeases(_time));
        var until = _time.GetUtcNow().AddSeconds(30);
        await claims.TryClaimAsync("J1", "a", until, CancellationToken.None);

        await claims.ReleaseAsync("J1", "b", CancellationToken.None);
        Assert.False(await claims.TryClaimAsync("J1", "b", until, CancellationToken.None));
        await claims.ReleaseAsync("J1", "a", CancellationToken.None);
        Assert.True(await claims.TryClaimAsync("J1", "b", until, CancellationToken.None));
    }

    [Fact]
    public async Task Local_OneProcessStore_GrantsEveryClaim()
    {
        var claims = new LocalJobClaims();
        var until = _time.GetUtcNow().AddSeconds(30);

        Assert.True(await claims.TryClaimAsync("J1", "a", until, CancellationToken.None));
        Assert.True(await claims.TryClaimAsync("J1", "b", until, CancellationToken.None));
        Assert.True(await claims.RenewAsync("J1", "a", until, CancellationToken.None));
    }
}
