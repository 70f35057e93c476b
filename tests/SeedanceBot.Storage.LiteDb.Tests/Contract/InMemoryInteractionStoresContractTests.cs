using SeedanceBot.Core.Chat;
using SeedanceBot.Testing.Contracts;
using SeedanceBot.Testing.Fakes;

namespace SeedanceBot.Storage.LiteDb.Tests.Contract;

/// <summary>The interaction ledger and open forms contract on the in-memory store the adapters' tests use.</summary>
public sealed class InMemoryInteractionStoresContractTests : InteractionStoresContract
{
    private InMemoryJobStore? _store;

    protected override IInteractionLedger CreateLedger() => Store;

    protected override IPendingFormStore CreateForms() => Store;

    private InMemoryJobStore Store => _store ??= new InMemoryJobStore(Time);
}
