using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SeedanceBot.Core.Diagnostics;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests;

/// <summary>What an operator meets: start-up against a server, readiness, /backup's advice, and never the password.</summary>
public sealed class PostgresOperationsTests(PostgresCluster cluster)
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Database=bot;Username=botuser;Password=pg-secret-value;Timeout=5";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task StartAsync_AnEmptyDatabase_CreatesTheSchema()
    {
        await using var database = await TempDatabase.CreateAsync(cluster, migrate: false);
        var startup = new PostgresStartup(database.DataSource, Options.Create(new PostgresStorageOptions { ConnectionString = database.ConnectionString }), NullLogger<PostgresStartup>.Instance);

        await startup.StartAsync(CancellationToken.None);

        Assert.Null(await new PostgresJobStore(database.DataSource).GetAsync("nope", CancellationToken.None));
    }

    [Fact]
    public async Task StartAsync_AnUnreachableServer_SaysWhereWithoutThePassword()
    {
        await using var dataSource = NpgsqlDataSource.Create(Unreachable);
        var startup = new PostgresStartup(dataSource, Options.Create(new PostgresStorageOptions { ConnectionString = Unreachable }), NullLogger<PostgresStartup>.Instance);

        var failure = await Assert.ThrowsAsync<PostgresUnavailableException>(() => startup.StartAsync(CancellationToken.None));

        Assert.StartsWith("Cannot use PostgreSQL (database bot on 127.0.0.1:1 as botuser):", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pg-secret-value", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_ReachableOrNot_SaysReadyOrNotReady()
    {
        await using var database = await TempDatabase.CreateAsync(cluster);
        await using var unreachable = NpgsqlDataSource.Create(Unreachable);

        var ready = await new PostgresReadinessProbe(database.DataSource, _time).CheckAsync(CancellationToken.None);
        var down = await new PostgresReadinessProbe(unreachable, _time).CheckAsync(CancellationToken.None);

        Assert.Equal(ReadinessState.Ready, ready.State);
        Assert.Equal(ReadinessState.NotReady, down.State);
        Assert.DoesNotContain("pg-secret-value", down.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupAsync_SaysHowToDumpTheDatabase_WithoutThePassword()
    {
        var options = Options.Create(new PostgresStorageOptions { ConnectionString = "Host=db.internal;Port=6432;Database=seedance;Username=bot;Password=pg-secret-value" });

        var backup = await new PostgresBackupAdvice(options, _time).BackupAsync(CancellationToken.None);

        Assert.Contains("pg_dump --format=custom --host=db.internal --port=6432 --username=bot --dbname=seedance --file=seedancebot-20260315-100000.dump", backup.Advice, StringComparison.Ordinal);
        Assert.Contains("pg_restore", backup.Advice, StringComparison.Ordinal);
        Assert.DoesNotContain("pg-secret-value", backup.Advice, StringComparison.Ordinal);
        Assert.Equal(0, backup.Bytes);
    }

    [Theory]
    [InlineData("Host=db;Password=pg-secret-value;Port=not-a-port", "not a valid PostgreSQL connection string")]
    [InlineData("Database=bot;Password=pg-secret-value", "names no Host")]
    public void Validate_ABadConnectionString_FailsWithoutRepeatingIt(string connectionString, string says)
    {
        var result = new PostgresConnectionStringValidator().Validate(null, new PostgresStorageOptions { ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains(says, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("pg-secret-value", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("pg-secret-value", new PostgresStorageOptions { ConnectionString = connectionString }.ToString(), StringComparison.Ordinal);
    }
}
