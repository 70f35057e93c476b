using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SeedanceBot.Storage.Postgres.Schema;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests;

/// <summary>A fresh database on the run's cluster with the schema migrated, and the stores over one data source (one replica).</summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    private readonly List<NpgsqlDataSource> _replicas = [];

    private TempDatabase(string connectionString, NpgsqlDataSource dataSource)
    {
        ConnectionString = connectionString;
        DataSource = dataSource;
        _replicas.Add(dataSource);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public PostgresJobStore Jobs => new(DataSource);

    public static async Task<TempDatabase> CreateAsync(PostgresCluster cluster, bool migrate = true)
    {
        var connectionString = await cluster.CreateDatabaseAsync();
        var database = new TempDatabase(connectionString, NpgsqlDataSource.Create(connectionString));
        if (migrate)
        {
            await PostgresSchema.MigrateAsync(database.DataSource, CancellationToken.None);
        }

        return database;
    }

    /// <summary>Another data source (its own pool) on the same database: what a second replica holds.</summary>
    public NpgsqlDataSource NewReplica()
    {
        var replica = NpgsqlDataSource.Create(ConnectionString);
        _replicas.Add(replica);
        return replica;
    }

    public PostgresInteractionLedger Ledger(TimeProvider time, NpgsqlDataSource? replica = null) =>
        new(replica ?? DataSource, time, NullLogger<PostgresInteractionLedger>.Instance);

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
