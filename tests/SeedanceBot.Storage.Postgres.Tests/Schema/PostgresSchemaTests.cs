using Npgsql;
using SeedanceBot.Storage.Postgres.Schema;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests.Schema;

/// <summary>The schema is created at first start, versioned, and migrated once even when replicas start together.</summary>
public sealed class PostgresSchemaTests(PostgresCluster cluster)
{
    [Fact]
    public async Task MigrateAsync_FourReplicasStartingAtOnce_ApplyEachStepOnce()
    {
        await using var database = await TempDatabase.CreateAsync(cluster, migrate: false);
        var replicas = Enumerable.Range(0, 4).Select(_ => database.NewReplica()).ToList();
        using var start = new ManualResetEventSlim();

        var migrations = replicas.Select(r => Task.Run(async () =>
        {
            start.Wait();
            return await PostgresSchema.MigrateAsync(r, CancellationToken.None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(migrations);

        Assert.Single(results, r => r.From == 0);
        Assert.All(results, r => Assert.Equal(PostgresSchema.Latest, r.To));
        Assert.Equal(Enumerable.Range(1, PostgresSchema.Latest), await VersionsAsync(database.DataSource));
    }

    [Fact]
    public async Task MigrateAsync_AtTheLatestVersion_ChangesNothing()
    {
        await using var database = await TempDatabase.CreateAsync(cluster);

        var again = await PostgresSchema.MigrateAsync(database.DataSource, CancellationToken.None);

        Assert.Equal((PostgresSchema.Latest, PostgresSchema.Latest), again);
        Assert.Equal(Enumerable.Range(1, PostgresSchema.Latest), await VersionsAsync(database.DataSource));
    }

    [Fact]
    public async Task MigrateAsync_ASchemaFromANewerBot_RefusesAndSaysWhatToDo()
    {
        await using var database = await TempDatabase.CreateAsync(cluster);
        await using (var newer = database.DataSource.CreateCommand($"INSERT INTO schema_version (version) VALUES ({PostgresSchema.Latest + 1})"))
        {
            await newer.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<PostgresUnavailableException>(() => PostgresSchema.MigrateAsync(database.DataSource, CancellationToken.None));

        Assert.Contains($"version {PostgresSchema.Latest + 1}, newer than this bot knows ({PostgresSchema.Latest})", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<List<int>> VersionsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM schema_version ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
