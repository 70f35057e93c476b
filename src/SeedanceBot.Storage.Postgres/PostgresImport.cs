using Npgsql;
using SeedanceBot.Core;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Storage.Postgres.Schema;

namespace SeedanceBot.Storage.Postgres;

/// <summary>
/// Copies another store's rows into PostgreSQL (<c>SeedanceBot migrate --to postgres</c>). The schema is migrated first;
/// every write is an upsert keyed as the source keys it (a job is only replaced by the same or a later version), so running
/// the copy again changes nothing and a copy interrupted half-way can simply be run again.
/// </summary>
public sealed class PostgresImport : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresImport(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <summary>Where the copy goes, without the password (for the operator's output).</summary>
    public string Target { get; private init; } = string.Empty;

    public static async Task<PostgresImport> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            await PostgresSchema.MigrateAsync(dataSource, cancellationToken);
            return new PostgresImport(dataSource) { Target = PostgresTarget.Describe(connectionString) };
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            await dataSource.DisposeAsync();
            throw new PostgresUnavailableException($"Cannot use PostgreSQL ({PostgresTarget.Describe(connectionString)}): {PostgresTarget.Scrub(ex.Message, connectionString)}", ex);
        }
    }

    /// <summary>A job as the LiteDB store keeps it (its JSON).</summary>
    public async Task JobAsync(string json, CancellationToken cancellationToken)
    {
        var job = RecordJson.Read<BotJob>(json);
        await using var command = _dataSource.CreateCommand(
            $"""
            INSERT INTO jobs (id, version, {PostgresJobStore.Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
            ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, ({PostgresJobStore.Columns}) = ({string.Join(", ", PostgresJobStore.Columns.Split(", ").Select(c => "EXCLUDED." + c))})
            WHERE jobs.version <= EXCLUDED.version
            """);
        PostgresJobStore.AddRow(command.Parameters, job);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task UsageAsync(UsageEntry usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        await using var command = _dataSource.CreateCommand(PostgresJobStore.UpsertUsage);
        PostgresJobStore.AddUsage(command.Parameters, usage);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A quota setting under the key and JSON both stores use.</summary>
    public Task SettingAsync(string key, string json, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO quota_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [key, json], cancellationToken);

    /// <summary>A request already taken (<c>platform:key</c>), so a replay after the switch is still recognised.</summary>
    public Task InteractionAsync(string key, long keepUntilTicks, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO interactions (key, keep_until_ticks) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET keep_until_ticks = greatest(interactions.keep_until_ticks, EXCLUDED.keep_until_ticks)", [key, keepUntilTicks], cancellationToken);

    /// <summary>An open form under its key, with the JSON both stores use.</summary>
    public Task FormAsync(string key, long expiresTicks, string json, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO pending_forms (key, expires_ticks, form) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET expires_ticks = EXCLUDED.expires_ticks, form = EXCLUDED.form", [key, expiresTicks, json], cancellationToken);

    /// <summary>A job's stored media item (an input image) under its key, as <see cref="PostgresMediaStore"/> keeps it.</summary>
    public Task MediaAsync(string key, string jobId, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        new PostgresMediaStore(_dataSource).SaveAsync(jobId, key, contentType, content, cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task ExecuteAsync(string sql, object[] values, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
