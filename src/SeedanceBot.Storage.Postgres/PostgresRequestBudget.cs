using Npgsql;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Storage.Postgres;

/// <summary>
/// The video API's request budget shared by every replica: a row per (bucket, window end) in <c>request_budget</c>,
/// taken from by one conditional upsert, so concurrent takers on any replica never take more than the limit. Windows
/// ended an hour ago are deleted now and then, by the app's clock.
/// </summary>
internal sealed class PostgresRequestBudget(NpgsqlDataSource dataSource, TimeProvider time) : IRequestBudget
{
    private const int PruneEvery = 512;
    private static readonly TimeSpan KeepEnded = TimeSpan.FromHours(1);
    private int _takes;

    public bool IsShared => true;

    public async Task<bool> TryTakeAsync(string bucket, DateTimeOffset windowEnd, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        if (limit <= 0)
        {
            return false;
        }

        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO request_budget (bucket, window_end_ticks, used) VALUES ($1, $2, 1)
            ON CONFLICT (bucket, window_end_ticks) DO UPDATE SET used = request_budget.used + 1 WHERE request_budget.used < $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = bucket });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = windowEnd.UtcTicks });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var taken = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (Interlocked.Increment(ref _takes) % PruneEvery == 0)
        {
            await using var prune = dataSource.CreateCommand("DELETE FROM request_budget WHERE window_end_ticks < $1");
            prune.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (time.GetUtcNow() - KeepEnded).UtcTicks });
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        return taken;
    }
}
