using Xunit;

namespace SeedanceBot.Testing.Contracts;

/// <summary>Claims of a one-process store (LiteDB, in memory): every claim is granted, the engine alone keeps a job to one step at a time.</summary>
public abstract class LocalJobClaimsContract : JobClaimsContract
{
    [Fact]
    public async Task TryClaim_OneProcessStore_GrantsEveryClaim()
    {
        var claims = NewReplica();

        Assert.True(await claims.TryClaimAsync("J1", "a", T0, T0.AddSeconds(30), CancellationToken.None));
        Assert.True(await claims.TryClaimAsync("J1", "b", T0, T0.AddSeconds(30), CancellationToken.None));
        Assert.True(await claims.RenewAsync("J1", "b", T0.AddSeconds(60), CancellationToken.None));
    }
}
