using Npgsql;
using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Storage.Postgres;

/// <summary>
/// Job claims shared by every replica: one row per claimed job in <c>job_claims</c>, written by single conditional
/// statements with times from the app's clock (never the server's <c>now()</c>, so a test's fake clock rules). A claim
/// is taken over only once it expired; a released claim is deleted. Moving a job into an API slot counts the slots
/// held and updates the job in one transaction under one advisory lock, so two replicas never fill the last slot twice.
/// </summary>
internal sealed class PostgresJobClaims(NpgsqlDataSource dataSource) : IJobClaims
{
    public async Task<bool> TryClaimAsync(string jobId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(owner);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO job_claims (job_id, owner, until_ticks) VALUES ($1, $2, $3)
            ON CONFLICT (job_id) DO UPDATE SET owner = EXCLUDED.owner, until_ticks = EXCLUDED.until_ticks
            WHERE job_claims.owner = EXCLUDED.owner OR job_claims.until_ticks <= $4
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jobId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = until.UtcTicks });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now.UtcTicks });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> RenewAsync(string jobId, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(owner);
        await using var command = dataSource.CreateCommand("UPDATE job_claims SET until_ticks = $3 WHERE job_id = $1 AND owner = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jobId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = until.UtcTicks });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReleaseAsync(string jobId, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(owner);
        await using var command = dataSource.CreateCommand("DELETE FROM job_claims WHERE job_id = $1 AND owner = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jobId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<BotJob?> TryUpdateIntoSlotAsync(BotJob job, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({RowKeys.ApiSlotsLockSpace}, 0)"));
            var count = new NpgsqlBatchCommand("SELECT count(*) FROM jobs WHERE running_user IS NOT NULL AND state = ANY($1) AND id <> $2");
            count.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. ApiSlots.HoldingStates.Select(s => (short)s)] });
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.Id });
            batch.BatchCommands.Add(count);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (!ApiSlots.Allows(checked((int)reader.GetInt64(0)), limit))
            {
                return null;
            }
        }

        var saved = await PostgresJobStore.TryUpdateAsync(connection, transaction, job, null, cancellationToken);
        if (saved is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return saved;
    }
}
