namespace SeedanceBot.Core.Backups;

/// <summary>A backup just written: where, how big, and how many older ones were removed to keep the configured number.</summary>
public sealed record StoreBackup(string Path, long Bytes, int Removed)
{
    /// <summary>Set by a store the bot cannot copy itself (a database server): how the operator takes the backup instead; nothing was written.</summary>
    public string? Advice { get; init; }
}
