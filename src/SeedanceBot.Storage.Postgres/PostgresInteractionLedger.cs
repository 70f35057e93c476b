using Microsoft.Extensions.Logging;
using Npgsql;
using SeedanceBot.Core.Chat;

namespace SeedanceBot.Storage.Postgres;

/// <summary>
/// Requests taken, one row each under <c>platform:key</c>. One statement is the check, on every replica at once: the
/// insert succeeds the first time, and again only over an entry past its keep-until; a repeat changes nothing. Records
/// are group-committed: whatever waits when a statement comes round goes into the next one (up to
/// <see cref="MaxBatch"/>), so a burst of requests shares one commit's wait for the disk instead of queueing for one
/// each. Nobody is answered before their row is committed; a key twice in one batch is taken by the first.
/// </summary>
internal sealed class PostgresInteractionLedger(NpgsqlDataSource dataSource, TimeProvider time, ILogger<PostgresInteractionLedger> logger) : IInteractionLedger
{
    /// <summary>
    /// Records keys ($1, each kept until its $2) not recorded yet or expired at $3; returns the keys taken. A key must
    /// come once per statement. The job store runs it in a reservation's transaction too.
    /// </summary>
    internal const string TakeAll =
        """
        INSERT INTO interactions (key, keep_until_ticks) SELECT * FROM unnest($1::text[], $2::bigint[])
        ON CONFLICT (key) DO UPDATE SET keep_until_ticks = EXCLUDED.keep_until_ticks WHERE interactions.keep_until_ticks <= $3
        RETURNING key
        """;

    internal const int MaxBatch = 256;

    private const int PruneEvery = 256;

    private readonly Lock _lock = new();
    private readonly Queue<Pending> _queue = new();
    private bool _flushing;
    private long _inserts;

    public Task<bool> TryRecordAsync(string platform, string key, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();

        // Not cancelled once queued: a record committed for a caller that stopped waiting would turn its retry into a repeat.
        var pending = new Pending(ReplayKey.IdOf(platform, key), keepUntil.UtcTicks);
        lock (_lock)
        {
            _queue.Enqueue(pending);
            if (_flushing)
            {
                return pending.Taken.Task;
            }

            _flushing = true;
        }

        _ = Task.Run(FlushAsync, CancellationToken.None);
        return pending.Taken.Task;
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            var batch = new List<Pending>();
            lock (_lock)
            {
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    _flushing = false;
                    return;
                }
            }

            try
            {
                await RecordAsync(batch);
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Taken.TrySetException(ex);
                }
            }
        }
    }

    private async Task RecordAsync(List<Pending> batch)
    {
        var firsts = new Dictionary<string, Pending>(StringComparer.Ordinal);
        foreach (var pending in batch)
        {
            if (!firsts.TryAdd(pending.Key, pending))
            {
                pending.Taken.TrySetResult(false);
            }
        }

        var now = time.GetUtcNow().UtcTicks;
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand(TakeAll))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. firsts.Keys] });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. firsts.Values.Select(p => p.KeepUntilTicks)] });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now });
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None))
            {
                recorded.Add(reader.GetString(0));
            }
        }

        foreach (var pending in firsts.Values)
        {
            pending.Taken.TrySetResult(recorded.Contains(pending.Key));
        }

        var before = Interlocked.Add(ref _inserts, recorded.Count) - recorded.Count;
        if (before / PruneEvery != (before + recorded.Count) / PruneEvery)
        {
            try
            {
                await using var prune = dataSource.CreateCommand("DELETE FROM interactions WHERE keep_until_ticks <= $1");
                prune.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now });
                var pruned = await prune.ExecuteNonQueryAsync(CancellationToken.None);
                Log.LedgerPruned(logger, pruned);
            }
            catch (NpgsqlException)
            {
                // The next prune takes them; the entries already answered stand.
            }
        }
    }

    private sealed class Pending(string key, long keepUntilTicks)
    {
        public string Key { get; } = key;

        public long KeepUntilTicks { get; } = keepUntilTicks;

        public TaskCompletionSource<bool> Taken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
