using LiteDB;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>A named lease: its holder and expiry.</summary>
internal sealed class LeaseDocument
{
    [BsonId]
    public string Name { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public long UntilTicks { get; set; }
}
