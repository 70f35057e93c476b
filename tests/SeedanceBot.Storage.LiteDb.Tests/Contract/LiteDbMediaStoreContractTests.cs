using SeedanceBot.Core.Media;
using SeedanceBot.Testing.Contracts;

namespace SeedanceBot.Storage.LiteDb.Tests.Contract;

/// <summary>The media store contract on a real LiteDB file (its file storage, in the same file as the jobs), reopened for reads.</summary>
public sealed class LiteDbMediaStoreContractTests : MediaStoreContract
{
    private readonly TempStore _file = new();

    protected override IMediaStore CreateStore() => new LiteDbMediaStore(_file.Context);

    protected override IMediaStore Reopen()
    {
        _file.Reopen();
        return new LiteDbMediaStore(_file.Context);
    }

    protected override void Dispose(bool disposing)
    {
        _file.Dispose();
        base.Dispose(disposing);
    }
}
