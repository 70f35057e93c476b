using SeedanceBot.Core.Quotas;
using SeedanceBot.Testing.Contracts;
using SeedanceBot.Testing.Fakes;

namespace SeedanceBot.Storage.LiteDb.Tests.Contract;

/// <summary>The quota settings contract on the in-memory store the Core and adapter tests use.</summary>
public sealed class InMemoryQuotaSettingsStoreContractTests : QuotaSettingsStoreContract
{
    protected override IQuotaSettingsStore CreateStore() => new InMemoryJobStore();
}
