using Npgsql;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Usage;

namespace SeedanceBot.Storage.Postgres;

/// <summary>
/// /usage's read of the ledger: one range of the <c>usage_ledger_workspace_day</c> index (workspace, time) for the asked
/// days only, so it costs the same with a year of history as with a week; Core's <see cref="UsageQuery.Group"/> buckets
/// the lines by quota day (the days' bounds are Core's, DST included).
/// </summary>
internal sealed class PostgresUsageHistory(NpgsqlDataSource dataSource) : IUsageHistory
{
    /// <summary>The workspace's lines in [$2, $3), optionally of one user ($4); the user filter rides on the index range.</summary>
    internal const string Lines =
        "SELECT user_id, user_name, seconds, at_ticks, cost FROM usage_ledger WHERE workspace_key = $1 AND at_ticks >= $2 AND at_ticks < $3 AND ($4 = '' OR user_id = $4)";

    public async Task<IReadOnlyList<UsageDayRow>> UsageByDayAsync(UsageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Days == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand(Lines);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = RowKeys.Workspace(query.Platform, query.WorkspaceId) });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Math.Max(0, query.Bounds[0].UtcTicks) });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = query.Bounds[^1].UtcTicks });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.UserId ?? string.Empty });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<UsageEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new UsageEntry(string.Empty, query.Platform, query.WorkspaceId, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetInt32(2), string.Empty, new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero), reader.IsDBNull(4) ? null : reader.GetDecimal(4)));
        }

        return query.Group(lines);
    }
}
