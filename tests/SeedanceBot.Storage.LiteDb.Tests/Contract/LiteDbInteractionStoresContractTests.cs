using SeedanceBot.Core.Chat;
using SeedanceBot.Testing.Contracts;

namespace SeedanceBot.Storage.LiteDb.Tests.Contract;

/// <summary>The interaction ledger and open forms contract on a real LiteDB file.</summary>
public sealed class LiteDbInteractionStoresContractTests : InteractionStoresContract
{
    private readonly TempStore _file = new();

    protected override IInteractionLedger CreateLedger() => new LiteDbInteractionLedger(_file.Context, Time);

    protected override IPendingFormStore CreateForms() => new LiteDbPendingFormStore(_file.Context, Time);

    protected override void Dispose(bool disposing)
    {
        _file.Dispose();
        base.Dispose(disposing);
    }
}
