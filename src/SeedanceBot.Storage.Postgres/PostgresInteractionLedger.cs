using Microsoft.Extensions.Logging;
using Npgsql;
using SeedanceBot.Core.Chat;

namespace SeedanceBot.Storage.Postgres;

/// <summary>
/// Requests taken, one row each under <c>platform:key</c>. One statement is the check, on every replica at once: the
/// insert succeeds the first time, and again only over an entry past its keep-until; a repeat changes nothing.
/// </summary>
internal sealed class PostgresInteractionLedger(NpgsqlDataSource dataSource, TimeProvider time, ILogger<PostgresInteractionLedger> logger) : IInteractionLedger
{
    private const int PruneEvery = 256;
    private int _inserts;

    public async Task<bool> TryRecordAsync(string platform, string key, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(key);
        var now = time.GetUtcNow().UtcTicks;
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO interactions (key, keep_until_ticks) VALUES ($1, $2)
            ON CONFLICT (key) DO UPDATE SET keep_until_ticks = EXCLUDED.keep_until_ticks WHERE interactions.keep_until_ticks <= $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = platform + ":" + key });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = keepUntil.UtcTicks });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now });
        var recorded = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (recorded && Interlocked.Increment(ref _inserts) % PruneEvery == 0)
        {
            await using var prune = dataSource.CreateCommand("DELETE FROM interactions WHERE keep_until_ticks <= $1");
            prune.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now });
            var pruned = await prune.ExecuteNonQueryAsync(cancellationToken);
            Log.LedgerPruned(logger, pruned);
        }

        return recorded;
    }
}
