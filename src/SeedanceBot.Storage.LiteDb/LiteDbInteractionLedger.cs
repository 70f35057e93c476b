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
    /// true the first time, false for an entry still kept at <paramref name="nowTicks"/>. Also used by the job store,
    /// which records a job's request with the job.
    /// </summary>
    internal static bool TryTake(LiteDatabase database, TakenRequests taken, string id, long keepUntilTicks, long nowTicks)
    {
        var kept = taken.KeptUntil(database, id);
        if (kept > nowTicks)
        {
            return false;
        }

        var entries = Entries(database);
        var entry = new LedgerDocument { Key = id, KeepUntilTicks = keepUntilTicks };
        if (kept is null)
        {
            entries.Insert(entry);
        }
        else
        {
            entries.Update(entry);
        }

        taken.Took(id, keepUntilTicks);
        if (Interlocked.Increment(ref _takes) % PruneEvery == 0)
        {
            entries.DeleteMany(d => d.KeepUntilTicks <= nowTicks);
            taken.Pruned(nowTicks);
        }

        return true;
    }

    private static ILiteCollection<LedgerDocument> Entries(LiteDatabase database) => database.GetCollection<LedgerDocument>(Collection);
}
