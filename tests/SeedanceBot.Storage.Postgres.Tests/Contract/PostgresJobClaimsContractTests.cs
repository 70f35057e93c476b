using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.Contracts;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests.Contract;

/// <summary>The claims contract on a fresh PostgreSQL database, each replica with its own connection pool.</summary>
public sealed class PostgresJobClaimsContractTests(PostgresCluster cluster) : SharedJobClaimsContract, IAsyncLifetime
{
    private TempDatabase? _database;

    public async ValueTask InitializeAsync() => _database = await TempDatabase.CreateAsync(cluster);

    protected override IJobStore CreateStore() => _database!.Jobs;

    protected override IJobClaims NewReplica() => new PostgresJobClaims(_database!.NewReplica());

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
