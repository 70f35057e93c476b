using LiteDB;

namespace SeedanceBot.Storage.LiteDb.Tests;

/// <summary>One parsed expression per thread, its parameter set for each lookup.</summary>
public sealed class ByIdTests
{
    [Fact]
    public async Task Find_EachLookupGetsItsOwnId_OnOneThreadAndOnMany()
    {
        using var database = new LiteDatabase(new MemoryStream());
        var collection = database.GetCollection<LedgerDocument>("entries");
        for (var i = 0; i < 50; i++)
        {
            collection.Insert(new LedgerDocument { Key = "k" + i, KeepUntilTicks = i });
        }

        var inTurn = Enumerable.Range(0, 50).Select(i => ById.Find(collection, "k" + i)?.KeepUntilTicks).ToList();
        var missing = ById.Find(collection, "k50");
        var parallel = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            Enumerable.Range(0, 200).All(i => ById.Find(collection, "k" + ((i * 7) + t) % 50)?.KeepUntilTicks == ((i * 7) + t) % 50))));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long?)i), inTurn);
        Assert.Null(missing);
        Assert.All(parallel, Assert.True);
    }
}
