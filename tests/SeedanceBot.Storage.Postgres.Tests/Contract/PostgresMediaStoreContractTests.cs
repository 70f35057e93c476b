using SeedanceBot.Core.Media;
using SeedanceBot.Testing.Contracts;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests.Contract;

/// <summary>The media store contract on a fresh PostgreSQL database (a bytea table); reads go through a second store, as another replica's.</summary>
public sealed class PostgresMediaStoreContractTests(PostgresCluster cluster) : MediaStoreContract, IAsyncLifetime
{
    private TempDatabase? _database;

    public async ValueTask InitializeAsync() => _database = await TempDatabase.CreateAsync(cluster);

    protected override IMediaStore CreateStore() => new PostgresMediaStore(_database!.DataSource);

    protected override IMediaStore Reopen() => new PostgresMediaStore(_database!.DataSource);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
