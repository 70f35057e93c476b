using LiteDB;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb.Tests;

/// <summary>/backup's copy is consistent (it opens, with the data written just before), and only the newest copies stay.</summary>
public sealed class LiteDbBackupTests
{
    private static readonly QuotaCheck Generous = new(new QuotaLimits(100, 10_000, 100), null, null, TempStore.T0.AddHours(-10), TempStore.T0.AddHours(-10));

    [Fact]
    public async Task Backup_WhileOpen_WritesACopyThatOpensWithEveryJob()
    {
        using var store = new TempStore();
        await store.Jobs.TryCreateAsync(TempStore.Job("a"), Generous, CancellationToken.None);
        await store.Jobs.TryCreateAsync(TempStore.Job("b"), Generous, CancellationToken.None);
        var backup = new LiteDbBackup(store.Context, Options.Create(new StorageOptions { Path = store.FilePath }), new FakeTimeProvider(TempStore.T0));

        var written = await backup.BackupAsync(CancellationToken.None);

        Assert.Equal(Path.Combine(Path.GetDirectoryName(store.FilePath)!, "backups", "bot-20260315-100000.db"), written.Path);
        Assert.Equal(new FileInfo(written.Path).Length, written.Bytes);
        using var copy = new LiteDatabase(new ConnectionString { Filename = written.Path, ReadOnly = true });
        Assert.Equal(2, copy.GetCollection("jobs").Count());
        // The bot goes on writing to its own file.
        Assert.True((await store.Jobs.TryCreateAsync(TempStore.Job("c"), Generous, CancellationToken.None)).Created);
    }

    [Fact]
    public async Task Backup_KeepsOnlyTheNewestCopies()
    {
        using var store = new TempStore();
        var time = new FakeTimeProvider(TempStore.T0);
        var backup = new LiteDbBackup(store.Context, Options.Create(new StorageOptions { Path = store.FilePath, BackupsToKeep = 2 }), time);

        await backup.BackupAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));
        await backup.BackupAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));
        var last = await backup.BackupAsync(CancellationToken.None);

        Assert.Equal(1, last.Removed);
        Assert.Equal(["bot-20260315-110000.db", "bot-20260315-120000.db"], Directory.GetFiles(Path.GetDirectoryName(last.Path)!).Select(Path.GetFileName).Order());
    }
}
