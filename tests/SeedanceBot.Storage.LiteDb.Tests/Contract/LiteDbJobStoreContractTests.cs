using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.Contracts;

namespace SeedanceBot.Storage.LiteDb.Tests.Contract;

/// <summary>The store contract on a real LiteDB file.</summary>
public sealed class LiteDbJobStoreContractTests : JobStoreContract
{
    private TempStore? _file;

    protected override IJobStore CreateStore()
    {
        _file = new TempStore();
        return _file.Jobs;
    }

    protected override Core.Chat.IInteractionLedger LedgerOfTheStore(TimeProvider time)
    {
        _ = Store;
        return new LiteDbInteractionLedger(_file!.Context, time);
    }

    protected override void Dispose(bool disposing)
    {
        _file?.Dispose();
        base.Dispose(disposing);
    }
}
