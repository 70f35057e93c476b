using System.Diagnostics.CodeAnalysis;
using LiteDB;
using Microsoft.Extensions.Options;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>The process's one <see cref="LiteDatabase"/>, opened on first use; the folder is created if missing.</summary>
internal sealed class LiteDbContext : IDisposable
{
    private const DynamicallyAccessedMemberTypes Mapped = DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties;

    private readonly IOptions<StorageOptions> _options;
    private readonly Lazy<LiteDbFile> _file;
    private readonly LiteDbWriter _writer;

    /// <remarks>
    /// LiteDB's mapper finds the documents' constructors and properties by reflection: they are kept whole in the trimmed
    /// Native AOT image (and its expression trees run interpreted there).
    /// </remarks>
    [DynamicDependency(Mapped, typeof(JobDocument))]
    [DynamicDependency(Mapped, typeof(FormDocument))]
    [DynamicDependency(Mapped, typeof(LeaseDocument))]
    [DynamicDependency(Mapped, typeof(LedgerDocument))]
    [DynamicDependency(Mapped, typeof(SettingDocument))]
    [DynamicDependency(Mapped, typeof(UsageDocument))]
    public LiteDbContext(IOptions<StorageOptions> options)
    {
        _options = options;
        _file = new(() => Open(options.Value.Path), LazyThreadSafetyMode.ExecutionAndPublication);
        _writer = new LiteDbWriter(() => _file.Value.Database, () => _file.Value.FlushToDisk(), () => RolledBack?.Invoke(), () => Committed?.Invoke(), ok => Flushed?.Invoke(ok));
        RolledBack += Taken.Forget;
        Flushed += ok =>
        {
            if (!ok)
            {
                Taken.Forget();
            }
        };
    }

    public LiteDatabase Database => _file.Value.Database;

    /// <summary>The interaction ledger as the writer sees it (writer's thread only).</summary>
    public TakenRequests Taken { get; } = new();

    /// <summary>The log's flushes to disk so far (for tests and benchmarks: two per commit).</summary>
    public long Flushes => _file.IsValueCreated ? _file.Value.Flushes : 0;

    /// <summary>Raised on the writer's thread when a write transaction rolled back.</summary>
    public event Action? RolledBack;

    /// <summary>Raised on the writer's thread when a write transaction committed (it is not on disk yet).</summary>
    public event Action? Committed;

    /// <summary>Raised on the writer's thread after each flush: true once everything committed is on disk, false if the flush failed.</summary>
    public event Action<bool>? Flushed;

    /// <summary>The file's one writer (<see cref="LiteDbWriter.Commits"/> tells how well it groups).</summary>
    public LiteDbWriter Writer => _writer;

    public string FullPath => System.IO.Path.GetFullPath(_options.Value.Path);

    /// <summary>Runs a write in the next group commit (<see cref="LiteDbWriter"/>); the result comes once it is durable.</summary>
    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> work, CancellationToken cancellationToken, WriteLane lane = WriteLane.Background) =>
        _writer.WriteAsync(work, cancellationToken, lane);

    /// <summary>Runs work with no other write running, outside any group (migrations, checkpoints, copies).</summary>
    public Task<T> AloneAsync<T>(Func<LiteDatabase, T> work, CancellationToken cancellationToken) => _writer.AloneAsync(work, cancellationToken);

    /// <summary>
    /// Creates <paramref name="collection"/> if missing (LiteDB creates one on its first write, and a read on another
    /// thread racing that write can break the engine): "ensure the _id index", which every collection has.
    /// </summary>
    public static bool CreateCollection<T>(ILiteCollection<T> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return collection.EnsureIndex("_id", "$._id", unique: true);
    }

    public void Dispose()
    {
        _writer.Dispose();
        if (_file.IsValueCreated)
        {
            _file.Value.Dispose();
        }
    }

    private static LiteDbFile Open(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
            // LiteDB's global mapper stores "" as null, so a query for an empty id would never match what was stored.
            var mapper = new BsonMapper { EmptyStringToNull = false, TrimWhitespace = false };
            var file = LiteDbFile.Open(fullPath, mapper);
            try
            {
                _ = file.Database.GetCollectionNames().ToList();
            }
            catch
            {
                file.Dispose();
                throw;
            }

            return file;
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
