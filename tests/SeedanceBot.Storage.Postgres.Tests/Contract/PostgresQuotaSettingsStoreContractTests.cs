using SeedanceBot.Core.Quotas;
using SeedanceBot.Testing.Contracts;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests.Contract;

/// <summary>The quota settings contract on a fresh PostgreSQL database.</summary>
public sealed class PostgresQuotaSettingsStoreContractTests(PostgresCluster cluster) : QuotaSettingsStoreContract, IAsyncLifetime
{
    private TempDatabase? _database;

    public async ValueTask InitializeAsync() => _database = await TempDatabase.CreateAsync(cluster);

    protected override IQuotaSettingsStore CreateStore() => new PostgresQuotaSettingsStore(_database!.DataSource);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
