using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Usage;
using SeedanceBot.Testing.Contracts;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests.Contract;

/// <summary>The usage-history contract on a fresh PostgreSQL database.</summary>
public sealed class PostgresUsageHistoryContractTests(PostgresCluster cluster) : UsageHistoryContract, IAsyncLifetime
{
    private TempDatabase? _database;

    protected override (IJobStore Jobs, IUsageHistory History) Stores => (_database!.Jobs, new PostgresUsageHistory(_database.DataSource));

    public async ValueTask InitializeAsync() => _database = await TempDatabase.CreateAsync(cluster);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
