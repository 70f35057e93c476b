using SeedanceBot.Core.Quotas;
using SeedanceBot.Testing.Contracts;

namespace SeedanceBot.Storage.LiteDb.Tests.Contract;

/// <summary>The quota settings contract on a real LiteDB file.</summary>
public sealed class LiteDbQuotaSettingsStoreContractTests : QuotaSettingsStoreContract
{
    private readonly TempStore _file = new();

    protected override IQuotaSettingsStore CreateStore() => _file.Settings;

    protected override void Dispose(bool disposing)
    {
        _file.Dispose();
        base.Dispose(disposing);
    }
}
