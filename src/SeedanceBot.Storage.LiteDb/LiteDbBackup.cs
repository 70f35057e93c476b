using System.Globalization;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Backups;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// A consistent copy of the LiteDB file while the bot runs: writes are held (it runs alone on the store's writer), the log is
/// checkpointed into the data file, and the file is copied to <c>backups/</c> beside it; the newest
/// <c>Storage:BackupsToKeep</c> copies are kept.
/// </summary>
internal sealed class LiteDbBackup(LiteDbContext context, IOptions<StorageOptions> options, TimeProvider time) : IStoreBackup
{
    public async Task<StoreBackup> BackupAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var source = context.FullPath;
        var folder = Path.Combine(Path.GetDirectoryName(source)!, "backups");
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(source)}-{time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.db");
        await context.AloneAsync(
            database =>
            {
                database.Checkpoint();
                using var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var to = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None);
                from.CopyTo(to);
                return to.Length;
            },
            cancellationToken);

        var old = Directory.GetFiles(folder, Path.GetFileNameWithoutExtension(source) + "-*.db")
            .OrderDescending(StringComparer.Ordinal)
            .Skip(Math.Max(1, options.Value.BackupsToKeep))
            .ToList();
        foreach (var file in old)
        {
            File.Delete(file);
        }

        return new StoreBackup(target, new FileInfo(target).Length, old.Count);
    }
}
