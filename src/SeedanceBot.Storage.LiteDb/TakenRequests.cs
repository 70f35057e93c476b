using LiteDB;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// The interaction ledger's entries (request id → kept until) as the writer's transaction sees them, so taking a request
/// costs a dictionary, not a LiteDB query (each is a whole query plan: two of them were a third of a command's write).
/// Read from the file on first use inside the writer's transaction; each take is applied at once, and everything is read
/// again after a rollback or a failed flush (what was applied may then not be in the file). Writer's thread only: every
/// write of the ledger goes through <see cref="LiteDbInteractionLedger.Take"/> on the file's one writer.
/// </summary>
internal sealed class TakenRequests
{
    private Dictionary<string, long>? _keptUntil;

    /// <summary>Whether the entries are in memory (else the next take reads the file).</summary>
    public bool IsLoaded => _keptUntil is not null;

    /// <summary>Until when <paramref name="id"/> is kept (expired or not), or null when the ledger has no entry for it.</summary>
    public long? KeptUntil(LiteDatabase database, string id) =>
        Load(database).TryGetValue(id, out var keepUntil) ? keepUntil : null;

    /// <summary>The transaction wrote <paramref name="id"/>'s entry.</summary>
    public void Took(string id, long keepUntilTicks)
    {
        if (_keptUntil is not null)
        {
            _keptUntil[id] = keepUntilTicks;
        }
    }

    /// <summary>The transaction deleted every entry kept until <paramref name="nowTicks"/> or before.</summary>
    public void Pruned(long nowTicks)
    {
        foreach (var (id, keepUntil) in _keptUntil ?? [])
        {
            if (keepUntil <= nowTicks)
            {
                _keptUntil!.Remove(id);
            }
        }
    }

    /// <summary>What is applied may not be in the file (a rollback, a failed flush): read it again on next use.</summary>
    public void Forget() => _keptUntil = null;

    private Dictionary<string, long> Load(LiteDatabase database)
    {
        if (_keptUntil is { } loaded)
        {
            return loaded;
        }

        var entries = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in database.GetCollection<LedgerDocument>(LiteDbInteractionLedger.Collection).FindAll())
        {
            entries[entry.Key] = entry.KeepUntilTicks;
        }

        return _keptUntil = entries;
    }
}
