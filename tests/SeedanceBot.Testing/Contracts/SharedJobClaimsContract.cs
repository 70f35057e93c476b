using Xunit;

namespace SeedanceBot.Testing.Contracts;

/// <summary>
/// Claims of a store other processes share (PostgreSQL): a claim belongs to one replica at a time until it expires or
/// is released.
/// </summary>
public abstract class SharedJobClaimsContract : JobClaimsContract
{
    protected override int Replicas => 4;

    [Fact]
    public async Task TryClaim_HeldByAnotherReplica_RefusedUntilItExpires()
    {
        var (a, b) = (NewReplica(), NewReplica());

        Assert.True(await a.TryClaimAsync("J1", "a", T0, T0.AddSeconds(30), CancellationToken.None));
        Assert.False(await b.TryClaimAsync("J1", "b", T0.AddSeconds(29), T0.AddSeconds(59), CancellationToken.None));
        Assert.True(await b.TryClaimAsync("J2", "b", T0.AddSeconds(29), T0.AddSeconds(59), CancellationToken.None));
        Assert.True(await b.TryClaimAsync("J1", "b", T0.AddSeconds(30), T0.AddSeconds(60), CancellationToken.None));
        Assert.False(await a.RenewAsync("J1", "a", T0.AddSeconds(61), CancellationToken.None));
    }

    [Fact]
    public async Task TryClaim_ByItsHolderAgain_IsGrantedAndExtends()
    {
        var (a, b) = (NewReplica(), NewReplica());
        await a.TryClaimAsync("J1", "a", T0, T0.AddSeconds(30), CancellationToken.None);

        Assert.True(await a.TryClaimAsync("J1", "a", T0.AddSeconds(10), T0.AddSeconds(40), CancellationToken.None));
        Assert.False(await b.TryClaimAsync("J1", "b", T0.AddSeconds(35), T0.AddSeconds(65), CancellationToken.None));
    }

    [Fact]
    public async Task Renew_ByTheHolder_KeepsOtherReplicasOutPastTheFirstExpiry()
    {
        var (a, b) = (NewReplica(), NewReplica());
        await a.TryClaimAsync("J1", "a", T0, T0.AddSeconds(30), CancellationToken.None);

        Assert.True(await a.RenewAsync("J1", "a", T0.AddSeconds(60), CancellationToken.None));
        Assert.False(await b.TryClaimAsync("J1", "b", T0.AddSeconds(45), T0.AddSeconds(75), CancellationToken.None));
        Assert.False(await b.RenewAsync("J1", "b", T0.AddSeconds(75), CancellationToken.None));
    }

    [Fact]
    public async Task Release_ThenAnotherReplica_ClaimsAtOnce_ButOnlyTheHolderReleases()
    {
        var (a, b, c) = (NewReplica(), NewReplica(), NewReplica());
        await a.TryClaimAsync("J1", "a", T0, T0.AddSeconds(30), CancellationToken.None);
        await a.ReleaseAsync("J1", "a", CancellationToken.None);

        Assert.True(await b.TryClaimAsync("J1", "b", T0.AddSeconds(1), T0.AddSeconds(31), CancellationToken.None));
        await a.ReleaseAsync("J1", "a", CancellationToken.None);
        Assert.False(await c.TryClaimAsync("J1", "c", T0.AddSeconds(2), T0.AddSeconds(32), CancellationToken.None));
    }

    [Fact]
    public async Task TryClaim_SixteenReplicasAtOnce_OneWins()
    {
        var replicas = Enumerable.Range(0, 16).Select(_ => NewReplica()).ToList();
        using var start = new ManualResetEventSlim();
        var racers = replicas.Select((claims, r) => Task.Run(async () =>
        {
            start.Wait();
            return await claims.TryClaimAsync("J1", "r" + r, T0, T0.AddSeconds(30), CancellationToken.None);
        })).ToList();
        start.Set();

        Assert.Equal(1, (await Task.WhenAll(racers)).Count(won => won));
    }
}
