using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using LiteDB;
using LiteDB.Engine;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// The open LiteDB file with its log (<see cref="LiteDbLogFile"/>), and the one step LiteDB 5.0.20 does not offer: waiting
/// until a commit is on disk (<see cref="FlushToDisk"/>).
/// </summary>
/// <remarks>
/// LiteDB's <c>Commit()</c> hands the log pages to its own writer queue and returns; the queue usually writes them
/// before that (it runs inline on the committing thread once it has gone idle), but its first run is a thread of its own.
/// LiteDB waits for that queue itself before a checkpoint (<c>DiskWriterQueue.Wait</c>, internal); the store calls the
/// same method, found by reflection when the file opens, so a LiteDB upgrade that moves it fails at start, not silently
/// (the Native AOT image keeps LiteDB whole: <c>TrimmerRootAssembly</c>).
/// </remarks>
internal sealed class LiteDbFile : IDisposable
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
    private const string DiskServiceType = "LiteDB.Engine.DiskService, LiteDB";
    private const string WriterQueueType = "LiteDB.Engine.DiskWriterQueue, LiteDB";

    private static readonly FieldInfo EngineField = typeof(LiteDatabase).GetField("_engine", Private)
        ?? throw Unsupported("LiteDatabase._engine");
    private static readonly FieldInfo DiskField = typeof(LiteEngine).GetField("_disk", Private)
        ?? throw Unsupported("LiteEngine._disk");
    private static readonly PropertyInfo QueueProperty = Type.GetType(DiskServiceType, throwOnError: false)?.GetProperty("Queue")
        ?? throw Unsupported("DiskService.Queue");
    private static readonly MethodInfo WaitMethod = Type.GetType(WriterQueueType, throwOnError: false)?.GetMethod("Wait", Type.EmptyTypes)
        ?? throw Unsupported("DiskWriterQueue.Wait");
    private static readonly PropertyInfo LazyValue = QueueValueProperty();

    private readonly LiteDbLogFile _log;
    private readonly LiteEngine _engine;

    private LiteDbFile(LiteDatabase database, LiteEngine engine, LiteDbLogFile log)
    {
        Database = database;
        _engine = engine;
        _log = log;
    }

    public LiteDatabase Database { get; }

    /// <summary>The log's flushes to disk so far (two per commit).</summary>
    public long Flushes => _log.Flushes;

    /// <summary>Opens the data file at <paramref name="fullPath"/> (created if missing) and its log.</summary>
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(Lazy<>))]
    public static LiteDbFile Open(string fullPath, BsonMapper mapper)
    {
        var log = LiteDbLogFile.Open(fullPath);
        try
        {
            var engine = new LiteEngine(new EngineSettings { Filename = fullPath, LogStream = log });
            var database = new LiteDatabase(engine, mapper, disposeOnClose: true);
            if (!ReferenceEquals(EngineField.GetValue(database), engine))
            {
                throw Unsupported("LiteDatabase._engine");
            }

            return new LiteDbFile(database, engine, log);
        }
        catch
        {
            Close(log);
            throw;
        }
    }

    /// <summary>
    /// Returns once everything committed so far is in the file and on disk: LiteDB's writer queue has written it, then the
    /// log is flushed. Called on the store's writer thread, after a commit and before anyone is answered.
    /// </summary>
    public void FlushToDisk()
    {
        var queue = LazyValue.GetValue(QueueProperty.GetValue(DiskField.GetValue(_engine)));
        WaitMethod.Invoke(queue, null);
        _log.FlushToDisk();
    }

    public void Dispose()
    {
        Database.Dispose();
        Close(_log);
    }

    /// <summary>As LiteDB does with a log it opened itself, an empty log is deleted on close.</summary>
    private static void Close(LiteDbLogFile log)
    {
        var empty = log.Length == 0;
        log.Dispose();
        if (empty)
        {
            File.Delete(log.Path);
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "LiteDB is kept whole in the trimmed image (TrimmerRootAssembly), Lazy<T>.Value with it.")]
    private static PropertyInfo QueueValueProperty() => QueueProperty.PropertyType.GetProperty("Value")
        ?? throw Unsupported("Lazy<DiskWriterQueue>.Value");

    private static NotSupportedException Unsupported(string member) =>
        new($"This LiteDB version has no {member}: the store waits for LiteDB's log writer through it (LiteDbFile) and was built for LiteDB 5.0.20.");
}
