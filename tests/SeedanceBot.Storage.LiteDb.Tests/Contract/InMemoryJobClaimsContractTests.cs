using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.Contracts;
using SeedanceBot.Testing.Fakes;

namespace SeedanceBot.Storage.LiteDb.Tests.Contract;

/// <summary>The claims contract on the in-memory store: Core's local claims, as the Core and adapter tests wire them.</summary>
public sealed class InMemoryJobClaimsContractTests : LocalJobClaimsContract
{
    private readonly List<LocalJobClaims> _claims = [];

    protected override IJobStore CreateStore() => new InMemoryJobStore();

    protected override IJobClaims NewReplica()
    {
        var claims = new LocalJobClaims(Store);
        _claims.Add(claims);
        return claims;
    }

    protected override void Dispose(bool disposing)
    {
        _claims.ForEach(c => c.Dispose());
        base.Dispose(disposing);
    }
}
