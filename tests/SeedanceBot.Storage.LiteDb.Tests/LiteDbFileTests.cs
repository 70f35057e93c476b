using LiteDB;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb.Tests;

public sealed class LiteDbFileTests
{
    private const int Page = 8192;

    [Fact]
    public async Task AnsweredWrites_AreInTheFilesAsAKilledProcessLeavesThem()
    {
        using var store = new TempStore();
        var today = TempStore.T0.AddHours(-10);
        var limits = new QuotaCheck(new QuotaLimits(DailyVideos: 1000, DailySeconds: 100_000, MaxConcurrentJobs: 1000), null, null, today, today);

        var created = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => store.Jobs.TryCreateAsync(TempStore.Job($"job-{i}"), limits, TestContext.Current.CancellationToken)));

        // What a SIGKILL leaves: the two files as they are now, the bot never closing them (no checkpoint, no close).
        var crashed = Path.Combine(store.Folder, "crashed");
        Directory.CreateDirectory(crashed);
        foreach (var name in new[] { "bot.db", "bot-log.db" })
        {
            using var from = new FileStream(Path.Combine(Path.GetDirectoryName(store.FilePath)!, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var to = File.Create(Path.Combine(crashed, name));
            await from.CopyToAsync(to, TestContext.Current.CancellationToken);
        }

        Assert.All(created, c => Assert.True(c.Created));
        Assert.True(new FileInfo(Path.Combine(crashed, "bot-log.db")).Length > 0, "the commits are still in the log, not yet checkpointed");
        using var recovered = new LiteDatabase(Path.Combine(crashed, "bot.db"));
        Assert.Equal(
            Enumerable.Range(0, 50).Select(i => $"job-{i}").Order(StringComparer.Ordinal),
            recovered.GetCollection("jobs").FindAll().Select(d => d["_id"].AsString).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Commit_FlushesTheLogTwice_HoweverManyPagesItWrites()
    {
        using var store = new TempStore();
        await store.Context.WriteAsync(db => db.GetCollection("notes").Insert(new BsonDocument { ["_id"] = 0 }), TestContext.Current.CancellationToken);
        var log = new FileInfo(Path.Combine(Path.GetDirectoryName(store.FilePath)!, "bot-log.db"));
        var (flushes, length) = (store.Context.Flushes, log.Length);

        await store.Context.WriteAsync(
            db => db.GetCollection("notes").InsertBulk(Enumerable.Range(1, 100).Select(i => new BsonDocument { ["_id"] = i, ["text"] = new string('x', 1000) })),
            TestContext.Current.CancellationToken);

        log.Refresh();
        Assert.True((log.Length - length) / Page >= 12, $"a commit of about 100 KB writes many pages ({(log.Length - length) / Page})");
        Assert.Equal(2, store.Context.Flushes - flushes);
    }

    [Fact]
    public void Write_AConfirmingPage_FlushesWhatCameBeforeItFirst()
    {
        var folder = Path.Combine(Path.GetTempPath(), "seedancebot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var log = LiteDbLogFile.Open(Path.Combine(folder, "bot.db"));
            var page = new byte[Page];

            log.Write(page, 0, Page);
            log.Write(page, 0, Page);
            log.Flush();
            var beforeConfirming = log.Flushes;
            page[18] = 1;
            log.Write(page, 0, Page);

            Assert.Equal(0, beforeConfirming);
            Assert.Equal(1, log.Flushes);
            Assert.Equal(3 * Page, log.Length);
            Assert.Equal(Path.Combine(folder, "bot-log.db"), log.Path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Close_TheLogCheckpointedIntoTheFile_IsDeletedAsLiteDbDoes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "seedancebot-tests", Guid.NewGuid().ToString("N"));
        var options = Microsoft.Extensions.Options.Options.Create(new StorageOptions { Path = Path.Combine(folder, "bot.db") });
        var log = Path.Combine(folder, "bot-log.db");
        try
        {
            bool whileOpen;
            using (var context = new LiteDbContext(options))
            {
                await context.WriteAsync(db => db.GetCollection("notes").Insert(new BsonDocument { ["_id"] = 1 }), TestContext.Current.CancellationToken);
                whileOpen = new FileInfo(log).Length > 0;
            }

            var afterClose = File.Exists(log);
            using var reopened = new LiteDbContext(options);

            Assert.True(whileOpen);
            Assert.False(afterClose);
            Assert.NotNull(reopened.Database.GetCollection("notes").FindById(1));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
