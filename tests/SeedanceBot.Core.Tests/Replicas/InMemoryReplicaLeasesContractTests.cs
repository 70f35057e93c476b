using SeedanceBot.Core.Replicas;
using SeedanceBot.Testing.Contracts;

namespace SeedanceBot.Core.Tests.Replicas;

/// <summary>The lease contract on the in-memory leases (the default where one process holds the store).</summary>
public sealed class InMemoryReplicaLeasesContractTests : ReplicaLeasesContract
{
    protected override IReplicaLeases CreateLeases() => new InMemoryReplicaLeases(Time);
}
