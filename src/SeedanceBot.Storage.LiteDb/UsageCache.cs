using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// The counted columns of recent jobs of the users and workspaces the writer has touched, so a reservation reads no
/// index. Every user's rows of the quota day are loaded at once on the first reservation (one range over that day's
/// keys and one over the open jobs, inside the writer's transaction), so a user new today reads nothing; a key asked
/// from an earlier start (a month's budget, an earlier time zone) is loaded on its own. Then every insert and update the
/// writer makes changes it; when a group rolls back the whole cache is dropped and read again as needed. The store stays the truth: only the file's
/// one writer (<see cref="LiteDbWriter"/>, one thread at a time, one process per file) reads or changes this.
/// </summary>
internal sealed class UsageCache
{
    /// <summary>How long a loaded key serves later starts before it is read again.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    /// <summary>Above this many keys the cache starts over (a bound on memory, not a rule).</summary>
    private const int MaxKeys = 100_000;

    private readonly Dictionary<string, Rows> _keys = new(StringComparer.Ordinal);

    /// <summary>
    /// Set by <see cref="LoadUsers"/>: every user's rows from these ticks on, and every running job, are here, so a user
    /// key that is not is one with none (a new user costs no index read). Null: each key is read on first use.
    /// </summary>
    private long? _usersFrom;

    public int Count => _keys.Count;

    /// <summary>
    /// A user's rows covering <paramref name="since"/>: the key's own (<see cref="Find"/>), or empty rows when the key is
    /// absent and <see cref="LoadUsers"/> covers <paramref name="since"/>; else null (read the index, or load all users).
    /// </summary>
    public Rows? FindUser(string key, long since)
    {
        if (_keys.ContainsKey(key))
        {
            // A stale key is read again at once (never left absent), so absence under the load keeps meaning "no rows".
            return Find(key, since);
        }

        return CoversUsers(since) ? _keys[key] = new Rows(_usersFrom!.Value) : null;
    }

    /// <summary>True when loading all users from <paramref name="since"/> is due: never loaded, or loaded too long ago.</summary>
    public bool UsersDue(long since) => _usersFrom is not { } from || since - from > Window.Ticks;

    /// <summary>
    /// Starts over with every user's rows from <paramref name="from"/> on and every running job, each with its user key:
    /// one range over today's keys and one over the open jobs, both bounded by what is recent, not by the history.
    /// </summary>
    public void LoadUsers(long from, IEnumerable<(string UserKey, string JobId, long Created, int Charge, int State, int Seconds, decimal Money)> rows, IEnumerable<(string UserKey, string JobId)> running)
    {
        _keys.Clear();
        foreach (var row in rows)
        {
            UserAt(row.UserKey, from).Set(row.JobId, new Row(row.Created, row.Charge, row.State, row.Seconds, row.Money));
        }

        foreach (var (userKey, jobId) in running)
        {
            UserAt(userKey, from).Running.Add(jobId);
        }

        _usersFrom = from;
    }

    private bool CoversUsers(long since) => _usersFrom is { } from && from <= since && since - from <= Window.Ticks;

    private Rows UserAt(string key, long from)
    {
        if (!_keys.TryGetValue(key, out var rows))
        {
            _keys[key] = rows = new Rows(from);
        }

        return rows;
    }

    /// <summary>
    /// The rows of <paramref name="key"/> if loaded and covering <paramref name="since"/>; else null (read the index). A
    /// key loaded more than <see cref="Window"/> before <paramref name="since"/> is dropped, so no key holds more than
    /// two quota days, however long the process runs.
    /// </summary>
    public Rows? Find(string key, long since)
    {
        if (!_keys.TryGetValue(key, out var rows) || rows.From > since)
        {
            return null;
        }

        if (since - rows.From > Window.Ticks)
        {
            _keys.Remove(key);
            return null;
        }

        return rows;
    }

    /// <summary>Remembers what was read for <paramref name="key"/> from <paramref name="from"/> on.</summary>
    public Rows Add(string key, long from, IEnumerable<(string JobId, long Created, int Charge, int State, int Seconds, decimal Money)> rows, IEnumerable<string>? running)
    {
        if (_keys.Count >= MaxKeys)
        {
            Clear();
        }

        var loaded = new Rows(from);
        foreach (var row in rows)
        {
            loaded.Set(row.JobId, new Row(row.Created, row.Charge, row.State, row.Seconds, row.Money));
        }

        foreach (var id in running ?? [])
        {
            loaded.Running.Add(id);
        }

        _keys[key] = loaded;
        return loaded;
    }

    /// <summary>Applies a job as the writer just stored it to its user's and workspace's rows, where loaded.</summary>
    public void Apply(JobDocument document, string userKey, string workspaceKey)
    {
        var row = new Row(document.CreatedTicks, document.Charge, document.State, document.Seconds, document.Money);
        // Once every user is loaded, a key not here yet has no rows: it starts with this one.
        var user = _keys.GetValueOrDefault(userKey) ?? (_usersFrom is { } from ? UserAt(userKey, from) : null);
        if (user is not null)
        {
            user.Set(document.Id, row);
            if (QuotaRule.IsRunning((JobState)document.State))
            {
                user.Running.Add(document.Id);
            }
            else
            {
                user.Running.Remove(document.Id);
            }
        }

        if (_keys.TryGetValue(workspaceKey, out var workspace))
        {
            workspace.Set(document.Id, row);
        }
    }

    /// <summary>Forgets everything (a group rolled back: what was applied may not be in the file).</summary>
    public void Clear()
    {
        _keys.Clear();
        _usersFrom = null;
    }

    internal readonly record struct Row(long Created, int Charge, int State, int Seconds, decimal Money);

    /// <summary>One key's recent jobs by id (and, for a user, the ids of their running jobs).</summary>
    internal sealed class Rows(long from)
    {
        private readonly Dictionary<string, Row> _byId = new(StringComparer.Ordinal);

        public long From { get; } = from;

        public HashSet<string> Running { get; } = new(StringComparer.Ordinal);

        public IEnumerable<Row> Since(long ticks) => _byId.Values.Where(r => r.Created >= ticks);

        public void Set(string jobId, Row row)
        {
            if (row.Created >= From)
            {
                _byId[jobId] = row;
            }
        }
    }
}
