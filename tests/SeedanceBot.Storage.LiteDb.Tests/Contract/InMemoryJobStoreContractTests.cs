using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.Contracts;
using SeedanceBot.Testing.Fakes;

namespace SeedanceBot.Storage.LiteDb.Tests.Contract;

/// <summary>The store contract on the in-memory store the Core and adapter tests use, so they test what LiteDB does.</summary>
public sealed class InMemoryJobStoreContractTests : JobStoreContract
{
    protected override IJobStore CreateStore() => new InMemoryJobStore(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0));

    protected override Core.Chat.IInteractionLedger LedgerOfTheStore(TimeProvider time) => (InMemoryJobStore)Store;
}
