using SeedanceBot.Core.Media;
using SeedanceBot.Testing.Contracts;
using SeedanceBot.Testing.Fakes;

namespace SeedanceBot.Storage.LiteDb.Tests.Contract;

/// <summary>The media store contract on the in-memory store the Core and adapter tests use.</summary>
public sealed class InMemoryMediaStoreContractTests : MediaStoreContract
{
    protected override IMediaStore CreateStore() => new InMemoryMediaStore();
}
