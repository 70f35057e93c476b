using System.Text.Json;
using Npgsql;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests;

/// <summary>Counting reads only the day's rows of one user or workspace, through an index, however long the history.</summary>
public sealed class PostgresJobStoreIndexTests(PostgresCluster cluster)
{
    private static readonly long Today = new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public static TheoryData<string> Counts => ["user day", "running", "workspace day"];

    [Theory]
    [MemberData(nameof(Counts))]
    public async Task Count_WithTwentyThousandOlderJobs_ReadsOnlyTodaysRowsThroughAnIndex(string count)
    {
        await using var database = await TempDatabase.CreateAsync(cluster);
        var user = RowKeys.User("discord", "W1", "U1");
        var workspace = RowKeys.Workspace("discord", "W1");
        await using (var seed = database.DataSource.CreateCommand(
            """
            INSERT INTO jobs (id, platform, workspace_id, user_id, user_key, workspace_key, state, charge, delivery, created_ticks, seconds, version, running_user, undelivered, body)
            SELECT 'j' || n, 'discord', 'W1', 'U1', $1, $2, CASE WHEN n > 19998 THEN 0 ELSE 3 END, 1, 3, $3 - (20000 - n) * 36000000000, 5, 1,
                   CASE WHEN n > 19998 THEN $1 END, false, '{}'
            FROM generate_series(1, 20003) AS n
            """))
        {
            seed.Parameters.Add(new NpgsqlParameter { Value = user });
            seed.Parameters.Add(new NpgsqlParameter { Value = workspace });
            seed.Parameters.Add(new NpgsqlParameter { Value = Today });
            await seed.ExecuteNonQueryAsync();
        }

        await using (var analyze = database.DataSource.CreateCommand("ANALYZE jobs"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var (sql, key, rows) = count switch
        {
            "user day" => (PostgresJobStore.UserDay, user, 4),
            "running" => (PostgresJobStore.RunningOfUser, user, 5),
            _ => (PostgresJobStore.WorkspaceDay, workspace, 4),
        };
        await using var explain = database.DataSource.CreateCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + sql);
        explain.Parameters.Add(new NpgsqlParameter { Value = key });
        if (sql.Contains("$2", StringComparison.Ordinal))
        {
            explain.Parameters.Add(new NpgsqlParameter { Value = Today });
        }

        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
        var scans = Nodes(plan.RootElement[0].GetProperty("Plan")).Where(n => n.GetProperty("Node Type").GetString()!.Contains("Scan", StringComparison.Ordinal)).ToList();

        var scan = Assert.Single(scans);
        Assert.Contains("Index", scan.GetProperty("Node Type").GetString(), StringComparison.Ordinal);
        Assert.Equal(rows, scan.GetProperty("Actual Rows").GetInt32());
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return child;
            }
        }
    }
}
