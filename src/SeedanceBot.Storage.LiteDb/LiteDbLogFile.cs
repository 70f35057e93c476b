using Microsoft.Win32.SafeHandles;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// The LiteDB file's write-ahead log (<c>bot-log.db</c> beside <c>bot.db</c>), opened by the store instead of by LiteDB so
/// that a commit costs two flushes to disk instead of one per page.
/// </summary>
/// <remarks>
/// <para>
/// LiteDB 5.0.20 hands each log page of a commit to its writer queue, which (running inline on the committing thread)
/// writes the page, finds the queue empty and flushes the file to disk: a 12-page commit made 12 <c>fsync</c> calls
/// (strace, the quota benchmark). Here LiteDB's flush is a no-op, and the file goes to disk at the two points that make a
/// commit durable and whole:
/// </para>
/// <list type="bullet">
/// <item>before a transaction's confirming page is written, so every page it confirms is on disk first: LiteDB's recovery
/// applies a transaction once it reads its confirming page, and a page the disk never got would leave it half applied
/// after a power cut (the kernel writes pages back in any order);</item>
/// <item>once the commit returns (<see cref="FlushToDisk"/>, called by <see cref="LiteDbFile"/> before the store's writer
/// answers anyone).</item>
/// </list>
/// <para>
/// Reads and writes are positional on one handle; LiteDB wraps the stream in its own lock for the position it sets
/// before each call. A checkpoint writes the data file through LiteDB's own stream, which still flushes it to disk before
/// the log is emptied.
/// </para>
/// </remarks>
internal sealed class LiteDbLogFile : Stream
{
    /// <summary>LiteDB's page size.</summary>
    private const int PageSize = 8192;

    /// <summary>The byte of a page's header that marks the last page of a committed transaction (LiteDB's <c>BasePage.P_IS_CONFIRMED</c>).</summary>
    private const int ConfirmedByte = 18;

    private readonly SafeFileHandle _handle;
    private long _position;
    private long _flushes;

    private LiteDbLogFile(string path, SafeFileHandle handle)
    {
        Path = path;
        _handle = handle;
    }

    /// <summary>Where the log is: LiteDB's own name for it, so files written before keep their log.</summary>
    public string Path { get; }

    /// <summary>Flushes to disk so far (for tests and benchmarks: two per commit).</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => RandomAccess.GetLength(_handle);

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    /// <summary>Opens (or creates) the log of the data file at <paramref name="dataPath"/>.</summary>
    public static LiteDbLogFile Open(string dataPath)
    {
        var path = System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(dataPath)!,
            System.IO.Path.GetFileNameWithoutExtension(dataPath) + "-log" + System.IO.Path.GetExtension(dataPath));
        return new LiteDbLogFile(path, File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read));
    }

    /// <summary>Puts everything written so far on disk.</summary>
    public void FlushToDisk()
    {
        RandomAccess.FlushToDisk(_handle);
        Interlocked.Increment(ref _flushes);
    }

    /// <summary>LiteDB asks for this after every page; the store flushes once per commit instead (see the class).</summary>
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = RandomAccess.Read(_handle, buffer.AsSpan(offset, count), _position);
        _position += read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (count == PageSize && buffer[offset + ConfirmedByte] != 0)
        {
            FlushToDisk();
        }

        RandomAccess.Write(_handle, buffer.AsSpan(offset, count), _position);
        _position += count;
    }

    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void SetLength(long value) => RandomAccess.SetLength(_handle, value);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _handle.Dispose();
        }

        base.Dispose(disposing);
    }
}
