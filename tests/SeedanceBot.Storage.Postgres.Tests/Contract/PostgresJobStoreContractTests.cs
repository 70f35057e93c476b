using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.Contracts;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests.Contract;

/// <summary>The store contract on a fresh PostgreSQL database.</summary>
public sealed class PostgresJobStoreContractTests(PostgresCluster cluster) : JobStoreContract, IAsyncLifetime
{
    private TempDatabase? _database;

    public async ValueTask InitializeAsync() => _database = await TempDatabase.CreateAsync(cluster);

    protected override IJobStore CreateStore() => _database!.Jobs;

    protected override IJobStore NewReplica() => new PostgresJobStore(_database!.NewReplica());

    protected override Core.Chat.IInteractionLedger LedgerOfTheStore(TimeProvider time) => _database!.Ledger(time);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
