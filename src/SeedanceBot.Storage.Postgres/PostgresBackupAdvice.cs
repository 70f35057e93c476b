using System.Globalization;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Backups;

namespace SeedanceBot.Storage.Postgres;

/// <summary>
/// /backup on PostgreSQL: the bot cannot copy a server's files, so it says how to take a consistent dump with
/// <c>pg_dump</c> (server, port, database and user filled in; never the password).
/// </summary>
internal sealed class PostgresBackupAdvice(IOptions<PostgresStorageOptions> options, TimeProvider time) : IStoreBackup
{
    public Task<StoreBackup> BackupAsync(CancellationToken cancellationToken)
    {
        var parsed = PostgresTarget.TryParse(options.Value.ConnectionString);
        var host = parsed?.Host ?? "HOST";
        var port = (parsed?.Port ?? 5432).ToString(CultureInfo.InvariantCulture);
        var user = parsed?.Username ?? "USER";
        var database = parsed?.Database ?? user;
        var file = $"seedancebot-{time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.dump";
        var advice =
            $"This bot keeps its data in PostgreSQL ({PostgresTarget.Describe(options.Value.ConnectionString)}), which /backup cannot copy from chat. " +
            $"Take a consistent backup while the bot runs, from a machine that reaches the server: `pg_dump --format=custom --host={host} --port={port} --username={user} --dbname={database} --file={file}` " +
            $"(the password from PGPASSWORD or ~/.pgpass). Restore with `pg_restore --clean --if-exists --dbname={database} {file}`, or use your provider's snapshots.";
        return Task.FromResult(new StoreBackup(string.Empty, 0, 0) { Advice = advice });
    }
}
