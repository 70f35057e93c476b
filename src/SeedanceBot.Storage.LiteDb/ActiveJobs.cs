using System.Collections.Concurrent;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// The open jobs (queued, submitting, running) as last committed, so the engine's pass and its reads of a job before each
/// step cost a dictionary, not a query that reads and maps every open document again (a burst of 200 commands woke a
/// pass per command, and each read all 200). Loaded from the file once, with no other write running; from then on the
/// store's writer stages each job it writes inside its transaction, and the stage reaches the dictionary only once the
/// transaction is committed and on disk (dropped when it rolls back), so nobody reads a job a crash could still take
/// back. If the flush fails, what the file holds is unknown: the dictionary is read from the file again on next use. The
/// store stays the truth: the file has one process, and every write of a job goes through the one writer.
/// </summary>
internal sealed class ActiveJobs
{
    private readonly ConcurrentDictionary<string, BotJob> _committed = new(StringComparer.Ordinal);

    /// <summary>What the writer's open transaction wrote so far (writer's thread only).</summary>
    private readonly List<BotJob> _staged = [];

    /// <summary>What committed transactions wrote that is not yet on disk (writer's thread only).</summary>
    private readonly List<BotJob> _committing = [];

    private volatile bool _loaded;

    public bool IsLoaded => _loaded;

    /// <summary>Takes what the file holds (on the writer's thread, no transaction open).</summary>
    public bool Load(IEnumerable<BotJob> open)
    {
        _committed.Clear();
        _staged.Clear();
        _committing.Clear();
        foreach (var job in open)
        {
            _committed[job.Id] = job;
        }

        _loaded = true;
        return true;
    }

    /// <summary>A job as the writer's open transaction just wrote it (ignored until loaded: the load reads it then).</summary>
    public void Stage(BotJob job)
    {
        if (_loaded)
        {
            _staged.Add(job);
        }
    }

    /// <summary>The transaction committed: what it wrote goes out with the next flush.</summary>
    public void Commit()
    {
        _committing.AddRange(_staged);
        _staged.Clear();
    }

    /// <summary>Everything committed is on disk (<paramref name="flushed"/>), or may not be: publish it, or start over from the file.</summary>
    public void Flushed(bool flushed)
    {
        if (!flushed)
        {
            _loaded = false;
            _committing.Clear();
            return;
        }

        foreach (var job in _committing)
        {
            if (QuotaRule.IsRunning(job.State))
            {
                _committed[job.Id] = job;
            }
            else
            {
                _committed.TryRemove(job.Id, out _);
            }
        }

        _committing.Clear();
    }

    /// <summary>The transaction rolled back: nothing it wrote happened.</summary>
    public void Discard() => _staged.Clear();

    /// <summary>
    /// How many open jobs pass <paramref name="counts"/> as the writer's open transaction sees them: what is committed,
    /// overwritten by what is committed but not yet on disk and by what the transaction wrote so far (writer's thread
    /// only, once loaded).
    /// </summary>
    public int CountAsWritten(Func<BotJob, bool> counts)
    {
        var written = new Dictionary<string, BotJob>(_committing.Count + _staged.Count, StringComparer.Ordinal);
        foreach (var job in _committing.Concat(_staged))
        {
            written[job.Id] = job;
        }

        var count = _committed.Count(p => !written.ContainsKey(p.Key) && counts(p.Value));
        return count + written.Values.Count(j => QuotaRule.IsRunning(j.State) && counts(j));
    }

    /// <summary>
    /// The version of job <paramref name="id"/> as the writer's open transaction sees it, when this knows it: written by
    /// the transaction or a committed one not yet on disk (open or just finished), or open and committed. Null when it
    /// does not (not loaded, finished and on disk, or never open here): then the file knows (writer's thread only).
    /// </summary>
    public int? VersionAsWritten(string id)
    {
        if (!_loaded)
        {
            return null;
        }

        for (var i = _staged.Count - 1; i >= 0; i--)
        {
            if (_staged[i].Id == id)
            {
                return _staged[i].Version;
            }
        }

        for (var i = _committing.Count - 1; i >= 0; i--)
        {
            if (_committing[i].Id == id)
            {
                return _committing[i].Version;
            }
        }

        return _committed.TryGetValue(id, out var job) ? job.Version : null;
    }

    /// <summary>The open jobs, oldest first.</summary>
    public IReadOnlyList<BotJob> List() =>
        [.. _committed.Values.OrderBy(j => j.CreatedAt.UtcTicks).ThenBy(j => j.Id, StringComparer.Ordinal)];

    public bool TryGet(string id, out BotJob job) => _committed.TryGetValue(id, out job!);
}
