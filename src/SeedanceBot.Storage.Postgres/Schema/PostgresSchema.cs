using Npgsql;

namespace SeedanceBot.Storage.Postgres.Schema;

/// <summary>
/// The schema, versioned in <c>schema_version</c> and migrated at start in one transaction under an advisory lock, so
/// two replicas starting at once apply each step once (the second waits, then finds nothing to do). Steps are only ever
/// appended: a released step never changes.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Step n (1-based) brings the schema from version n-1 to n.</summary>
    internal static readonly IReadOnlyList<string> Steps =
    [
        """
        CREATE TABLE jobs (
            id text PRIMARY KEY,
            platform text NOT NULL,
            workspace_id text NOT NULL,
            user_id text NOT NULL,
            user_key uuid NOT NULL,
            workspace_key uuid NOT NULL,
            state smallint NOT NULL,
            charge smallint NOT NULL,
            delivery smallint NOT NULL,
            created_ticks bigint NOT NULL,
            seconds integer NOT NULL,
            version integer NOT NULL,
            running_user uuid NULL,
            undelivered boolean NOT NULL,
            body text NOT NULL);
        CREATE INDEX jobs_user_day ON jobs (user_key, created_ticks) INCLUDE (charge, state, seconds);
        CREATE INDEX jobs_workspace_day ON jobs (workspace_key, created_ticks) INCLUDE (charge, state, seconds);
        CREATE INDEX jobs_running_user ON jobs (running_user) INCLUDE (state) WHERE running_user IS NOT NULL;
        CREATE INDEX jobs_active ON jobs (created_ticks) WHERE running_user IS NOT NULL;
        CREATE INDEX jobs_undelivered ON jobs (created_ticks) WHERE undelivered;
        CREATE TABLE usage_ledger (
            job_id text PRIMARY KEY,
            platform text NOT NULL,
            workspace_id text NOT NULL,
            user_id text NOT NULL,
            user_name text NULL,
            seconds integer NOT NULL,
            prompt text NOT NULL,
            at_ticks bigint NOT NULL,
            workspace_key uuid NOT NULL);
        CREATE INDEX usage_ledger_workspace_day ON usage_ledger (workspace_key, at_ticks);
        CREATE TABLE quota_settings (
            key text PRIMARY KEY,
            value text NOT NULL);
        CREATE TABLE interactions (
            key text PRIMARY KEY,
            keep_until_ticks bigint NOT NULL);
        CREATE INDEX interactions_keep_until ON interactions (keep_until_ticks);
        CREATE TABLE pending_forms (
            key text PRIMARY KEY,
            expires_ticks bigint NOT NULL,
            form text NOT NULL);
        CREATE INDEX pending_forms_expires ON pending_forms (expires_ticks);
        """,
        """
        CREATE TABLE leases (
            name text COLLATE "C" PRIMARY KEY,
            owner text NOT NULL,
            until_ticks bigint NOT NULL);
        """,
        // job_claims is no longer written: job claims are now leases named job:{id} (LeasedJobClaims). It stays for a
        // rolling deploy from a release that still claims through it (steps are idempotent either way), and goes in a later step.
        """
        CREATE TABLE job_claims (
            job_id text PRIMARY KEY,
            owner text NOT NULL,
            until_ticks bigint NOT NULL);
        CREATE TABLE request_budget (
            bucket text NOT NULL,
            window_end_ticks bigint NOT NULL,
            used integer NOT NULL,
            PRIMARY KEY (bucket, window_end_ticks));
        """,
        """
        ALTER TABLE jobs ADD COLUMN money numeric NOT NULL DEFAULT 0;
        ALTER TABLE usage_ledger ADD COLUMN cost numeric NULL, ADD COLUMN currency text NULL;
        """,
        """
        CREATE TABLE media (
            key text COLLATE "C" PRIMARY KEY,
            job_id text COLLATE "C" NOT NULL,
            content_type text NOT NULL,
            content bytea NOT NULL);
        CREATE INDEX media_job ON media (job_id);
        """,
    ];

    public static int Latest => Steps.Count;

    /// <summary>Brings the database to <see cref="Latest"/>; returns the version found and the version left.</summary>
    public static async Task<(int From, int To)> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({RowKeys.MigrationLockSpace}, 0)", cancellationToken);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
        int from;
        await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection))
        {
            from = (int)(await read.ExecuteScalarAsync(cancellationToken))!;
        }

        if (from > Latest)
        {
            throw new PostgresUnavailableException(
                $"The PostgreSQL schema is at version {from}, newer than this bot knows ({Latest}): run the bot's newer version, or restore a backup taken before it migrated.");
        }

        for (var version = from + 1; version <= Latest; version++)
        {
            await ExecuteAsync(connection, Steps[version - 1], cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version) VALUES ($1)", connection);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (from, Latest);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
