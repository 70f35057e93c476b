namespace SeedanceBot.Core.Backups;

/// <summary>Writes a consistent copy of the bot's store while it runs (the store's own port, like IJobStore).</summary>
public interface IStoreBackup
{
    Task<StoreBackup> BackupAsync(CancellationToken cancellationToken);
}
