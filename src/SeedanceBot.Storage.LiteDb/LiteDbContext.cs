using LiteDB;
using Microsoft.Extensions.Options;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>The process's one <see cref="LiteDatabase"/>, opened on first use; the folder is created if missing.</summary>
internal sealed class LiteDbContext(IOptions<StorageOptions> options) : IDisposable
{
    private readonly Lazy<LiteDatabase> _database = new(() => Open(options.Value.Path), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Serialises read-check-write sequences (quota reservation, optimistic updates) within the process. Waiters wait
    /// asynchronously: a burst of commands queues here without holding a thread-pool thread each, so the rest of the
    /// process (health checks, other requests) keeps its threads while the one writer works.
    /// </summary>
    private readonly SemaphoreSlim _writes = new(1, 1);

    public LiteDatabase Database => _database.Value;

    public string FullPath => System.IO.Path.GetFullPath(options.Value.Path);

    /// <summary>Enters the write section, waiting without blocking a thread; dispose the result to leave it.</summary>
    public async ValueTask<WriteSection> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        return new WriteSection(_writes);
    }

    /// <summary>Enters the write section synchronously (only while the store opens).</summary>
    public WriteSection EnterWrite()
    {
        _writes.Wait();
        return new WriteSection(_writes);
    }

    public void Dispose()
    {
        _writes.Dispose();
        if (_database.IsValueCreated)
        {
            _database.Value.Dispose();
        }
    }

    private static LiteDatabase Open(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
            // LiteDB's global mapper stores "" as null, so a query for an empty id would never match what was stored.
            var mapper = new BsonMapper { EmptyStringToNull = false, TrimWhitespace = false };
            var database = new LiteDatabase(new ConnectionString { Filename = fullPath, Connection = ConnectionType.Direct }, mapper);
            _ = database.GetCollectionNames().ToList();
            return database;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LiteException or InvalidCastException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            var hint = ex is IOException
                ? "Another process may be using it (only one bot may run per file), or the disk is not writable."
                : "It may be corrupt or not a LiteDB file: restore a backup, or move it away to start with an empty store.";
            throw new StorageUnavailableException($"Cannot open the LiteDB file '{fullPath}': {ex.Message} {hint}", ex);
        }
    }
}
