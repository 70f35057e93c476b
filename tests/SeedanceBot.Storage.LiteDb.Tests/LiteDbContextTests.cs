using Microsoft.Extensions.Options;

namespace SeedanceBot.Storage.LiteDb.Tests;

public sealed class LiteDbContextTests
{
    [Fact]
    public void Open_GarbageFile_FailsWithAClearMessageNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "seedancebot-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 20_000).Select(i => (byte)(i * 7))]);
        try
        {
            using var context = new LiteDbContext(Options.Create(new StorageOptions { Path = path }));

            var ex = Assert.Throws<StorageUnavailableException>(() => context.Database);

            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Open_FileLockedByAnotherProcess_FailsWithAClearMessage()
    {
        var path = Path.Combine(Path.GetTempPath(), "seedancebot-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var first = new LiteDbContext(Options.Create(new StorageOptions { Path = path })))
        {
            _ = first.Database;
        }

        using var holder = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        try
        {
            using var context = new LiteDbContext(Options.Create(new StorageOptions { Path = path }));

            var ex = Assert.Throws<StorageUnavailableException>(() => context.Database);

            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            holder.Dispose();
            File.Delete(path);
        }
    }
}
