using SeedanceBot.Core.Replicas;
using SeedanceBot.Testing.Contracts;

namespace SeedanceBot.Storage.LiteDb.Tests.Contract;

/// <summary>The lease contract on a real LiteDB file.</summary>
public sealed class LiteDbReplicaLeasesContractTests : ReplicaLeasesContract
{
    private readonly TempStore _file = new();

    protected override IReplicaLeases CreateLeases() => new LiteDbReplicaLeases(_file.Context, Time);

    protected override void Dispose(bool disposing)
    {
        _file.Dispose();
        base.Dispose(disposing);
    }
}
