using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using SeedanceBot.Storage.Postgres.Schema;

namespace SeedanceBot.Storage.Postgres;

/// <summary>Creates or migrates the schema before anything else starts; a failure is a <see cref="PostgresUnavailableException"/> naming the server, never the password.</summary>
internal sealed class PostgresStartup(NpgsqlDataSource dataSource, IOptions<PostgresStorageOptions> options, ILogger<PostgresStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connectionString = options.Value.ConnectionString;
        var target = PostgresTarget.Describe(connectionString);
        try
        {
            var (from, to) = await PostgresSchema.MigrateAsync(dataSource, cancellationToken);
            if (from != to)
            {
                Log.SchemaMigrated(logger, target, from, to);
            }

            Log.SchemaReady(logger, target, to);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new PostgresUnavailableException(
                $"Cannot use PostgreSQL ({target}): {PostgresTarget.Scrub(ex.Message, connectionString)} Check Storage:ConnectionString (Host, Port, Database, Username, Password) and that the server runs and accepts this user.",
                ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
