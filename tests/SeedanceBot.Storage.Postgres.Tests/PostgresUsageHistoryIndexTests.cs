using System.Text.Json;
using Npgsql;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests;

/// <summary>/usage reads only the asked days' ledger lines of one workspace, through its index, however long the history.</summary>
public sealed class PostgresUsageHistoryIndexTests(PostgresCluster cluster)
{
    private static readonly long Today = new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    [Fact]
    public async Task Lines_WithTwentyThousandOlderLines_ReadsOnlyTheWeekThroughAnIndex()
    {
        await using var database = await TempDatabase.CreateAsync(cluster);
        var workspace = RowKeys.Workspace("discord", "W1");
        await using (var seed = database.DataSource.CreateCommand(
            """
            INSERT INTO usage_ledger (job_id, platform, workspace_id, user_id, user_name, seconds, prompt, at_ticks, workspace_key)
            SELECT 'j' || n, 'discord', 'W1', 'U' || (n % 7), NULL, 5, 'a fox', $2 - n * 36000000000, $1
            FROM generate_series(1, 20000) AS n
            """))
        {
            seed.Parameters.Add(new NpgsqlParameter { Value = workspace });
            seed.Parameters.Add(new NpgsqlParameter { Value = Today });
            await seed.ExecuteNonQueryAsync();
        }

        await using (var analyze = database.DataSource.CreateCommand("ANALYZE usage_ledger"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        // The last 7 days: lines one hour apart, so 7 x 24 of the 20,000.
        await using var explain = database.DataSource.CreateCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + PostgresUsageHistory.Lines);
        explain.Parameters.Add(new NpgsqlParameter { Value = workspace });
        explain.Parameters.Add(new NpgsqlParameter { Value = Today - (7 * TimeSpan.TicksPerDay) });
        explain.Parameters.Add(new NpgsqlParameter { Value = Today });
        explain.Parameters.Add(new NpgsqlParameter { Value = string.Empty });
        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
        var scans = Nodes(plan.RootElement[0].GetProperty("Plan")).Where(n => n.GetProperty("Node Type").GetString()!.Contains("Scan", StringComparison.Ordinal)).ToList();

        var scan = Assert.Single(scans);
        Assert.Contains("Index", scan.GetProperty("Node Type").GetString(), StringComparison.Ordinal);
        Assert.Equal(7 * 24, scan.GetProperty("Actual Rows").GetInt32());
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
