namespace SeedanceBot.Core.Backups;

/// <summary>A backup just written: where, how big, and how many older ones were removed to keep the configured number.</summary>
public sealed record StoreBackup(string Path, long Bytes, int Removed);
