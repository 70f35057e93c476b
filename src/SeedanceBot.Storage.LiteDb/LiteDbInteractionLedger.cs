using LiteDB;
using SeedanceBot.Core.Chat;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>Requests taken, one document each under <c>platform:key</c>; the insert's unique id is the check.</summary>
internal sealed class LiteDbInteractionLedger : IInteractionLedger
{
    internal const string Collection = "interactions";
    private const int PruneEvery = 256;
    private static int _takes;
    private readonly LiteDbContext _context;
    private readonly TimeProvider _time;

    public LiteDbInteractionLedger(LiteDbContext context, TimeProvider time)
    {
        _context = context;
        _time = time;
        _context.AloneAsync(_ => Entries(context.Database).EnsureIndex(d => d.KeepUntilTicks), CancellationToken.None).GetAwaiter().GetResult();
    }

    public Task<bool> TryRecordAsync(string platform, string key, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(key);
        var id = ReplayKey.IdOf(platform, key);
        return _context.WriteAsync(database => TryTake(database, _context.Taken, id, keepUntil.UtcTicks, _time.GetUtcNow().UtcTicks), cancellationToken, WriteLane.Answer);
    }

    /// <summary>
    /// Records <paramref name="id"/> inside the caller's write (its transaction, so it commits or rolls back with it):
    /// true the first time, false for an entry still kept at <paramref name="nowTicks"/>.
    /// </summary>
    internal static bool TryTake(LiteDatabase database, TakenRequests taken, string id, long keepUntilTicks, long nowTicks)
    {
        var write = Take(database, taken, id, keepUntilTicks, nowTicks);
        write?.Invoke(database);
        return write is not null;
    }

    /// <summary>
    /// Decides whether <paramref name="id"/> is new (from <paramref name="taken"/>, read from the file on first use) and
    /// takes it there: the write that records it in the file, or null for an entry still kept at <paramref name="nowTicks"/>.
    /// The job store records a job's request with the job this way, deciding before it writes.
    /// </summary>
    internal static Action<LiteDatabase>? Take(LiteDatabase database, TakenRequests taken, string id, long keepUntilTicks, long nowTicks)
    {
        var kept = taken.KeptUntil(database, id);
        if (kept > nowTicks)
        {
            return null;
        }

        taken.Took(id, keepUntilTicks);
        var prune = Interlocked.Increment(ref _takes) % PruneEvery == 0;
        if (prune)
        {
            taken.Pruned(nowTicks);
        }

        return file =>
        {
            var entries = Entries(file);
            var entry = new LedgerDocument { Key = id, KeepUntilTicks = keepUntilTicks };
            if (kept is null)
            {
                entries.Insert(entry);
            }
            else
            {
                entries.Update(entry);
            }

            if (prune)
            {
                entries.DeleteMany(d => d.KeepUntilTicks <= nowTicks);
            }
        };
    }

    private static ILiteCollection<LedgerDocument> Entries(LiteDatabase database) => database.GetCollection<LedgerDocument>(Collection);
}
