using SeedanceBot.Core.Chat;
using SeedanceBot.Testing.Contracts;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests.Contract;

/// <summary>The interaction ledger and open forms contract on a fresh PostgreSQL database.</summary>
public sealed class PostgresInteractionStoresContractTests(PostgresCluster cluster) : InteractionStoresContract, IAsyncLifetime
{
    private TempDatabase? _database;

    public async ValueTask InitializeAsync() => _database = await TempDatabase.CreateAsync(cluster);

    protected override IInteractionLedger CreateLedger() => _database!.Ledger(Time);

    protected override IPendingFormStore CreateForms() => new PostgresPendingFormStore(_database!.DataSource, Time);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
