using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Usage;
using SeedanceBot.Testing.Contracts;

namespace SeedanceBot.Storage.LiteDb.Tests.Contract;

/// <summary>The usage-history contract on a real LiteDB file.</summary>
public sealed class LiteDbUsageHistoryContractTests : UsageHistoryContract
{
    private readonly TempStore _file = new();

    protected override (IJobStore Jobs, IUsageHistory History) Stores => (_file.Jobs, new LiteDbUsageHistory(_file.Context));

    protected override void Dispose(bool disposing)
    {
        _file.Dispose();
        base.Dispose(disposing);
    }
}
