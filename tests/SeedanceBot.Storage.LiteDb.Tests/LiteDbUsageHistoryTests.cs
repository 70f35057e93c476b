using SeedanceBot.Core.Usage;

namespace SeedanceBot.Storage.LiteDb.Tests;

/// <summary>/usage reads the asked days' ledger lines through the AtTicks index, never the whole ledger.</summary>
public sealed class LiteDbUsageHistoryTests
{
    [Fact]
    public void InRange_Plan_UsesTheAtTicksIndex()
    {
        using var store = new TempStore();
        _ = new LiteDbUsageHistory(store.Context);
        var query = new UsageQuery("discord", "W1", [TempStore.T0.AddDays(-7), TempStore.T0]);

        var plan = store.Context.Database.GetCollection<UsageDocument>("usage").Query().Where(LiteDbUsageHistory.InRange(query)).GetPlan();

        Assert.Equal(nameof(UsageDocument.AtTicks), plan["index"]["name"].AsString);
    }
}
