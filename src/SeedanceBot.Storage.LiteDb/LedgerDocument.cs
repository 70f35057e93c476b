using LiteDB;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>One request already taken (<c>platform:key</c>), forgotten after <see cref="KeepUntilTicks"/>.</summary>
internal sealed class LedgerDocument
{
    [BsonId]
    public string Key { get; set; } = string.Empty;

    public long KeepUntilTicks { get; set; }
}
