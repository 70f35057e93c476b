using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.Contracts;

namespace SeedanceBot.Storage.LiteDb.Tests.Contract;

/// <summary>The claims contract on a real LiteDB file: one process, so Core's local claims over the LiteDB store.</summary>
public sealed class LiteDbJobClaimsContractTests : LocalJobClaimsContract
{
    private readonly List<LocalJobClaims> _claims = [];
    private TempStore? _file;

    protected override IJobStore CreateStore()
    {
        _file = new TempStore();
        return _file.Jobs;
    }

    protected override IJobClaims NewReplica()
    {
        var claims = new LocalJobClaims(Store);
        _claims.Add(claims);
        return claims;
    }

    protected override void Dispose(bool disposing)
    {
        _claims.ForEach(c => c.Dispose());
        _file?.Dispose();
        base.Dispose(disposing);
    }
}
