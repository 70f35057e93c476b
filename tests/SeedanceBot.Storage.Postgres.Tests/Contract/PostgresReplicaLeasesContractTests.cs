using SeedanceBot.Core.Replicas;
using SeedanceBot.Testing.Contracts;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests.Contract;

/// <summary>The lease contract on a fresh PostgreSQL database.</summary>
public sealed class PostgresReplicaLeasesContractTests(PostgresCluster cluster) : ReplicaLeasesContract, IAsyncLifetime
{
    private TempDatabase? _database;

    public async ValueTask InitializeAsync() => _database = await TempDatabase.CreateAsync(cluster);

    protected override IReplicaLeases CreateLeases() => new PostgresReplicaLeases(_database!.DataSource, Time);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
