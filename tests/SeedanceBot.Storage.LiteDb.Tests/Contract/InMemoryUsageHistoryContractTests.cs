using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Usage;
using SeedanceBot.Testing.Contracts;
using SeedanceBot.Testing.Fakes;

namespace SeedanceBot.Storage.LiteDb.Tests.Contract;

/// <summary>The usage-history contract on the in-memory store the Core and adapter tests use.</summary>
public sealed class InMemoryUsageHistoryContractTests : UsageHistoryContract
{
    private readonly InMemoryJobStore _store = new();

    protected override (IJobStore Jobs, IUsageHistory History) Stores => (_store, _store);
}
