using SeedanceBot.Core.Chat;
using SeedanceBot.Testing.Contracts;
using SeedanceBot.Testing.Fakes;

namespace SeedanceBot.Storage.LiteDb.Tests.Contract;

/// <summary>The interaction ledger and open forms contract on the in-memory store the adapters' tests use.</summary>
public sealed class InMemoryInteractionStoresContractTests : InteractionStoresContract
{
    private readonly InMemoryJobStore _store = new();

    /// <summary>The in-memory ledger keeps every entry for the test's lifetime.</summary>
    protected override bool ForgetsExpiredEntries => false;

    protected override IInteractionLedger CreateLedger() => _store;

    protected override IPendingFormStore CreateForms() => _store;
}
