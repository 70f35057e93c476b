using Npgsql;
using SeedanceBot.Core;
using SeedanceBot.Core.Chat;

namespace SeedanceBot.Storage.Postgres;

/// <summary>Open forms' state, one row per key, readable from any replica; expired forms are removed as new ones are saved.</summary>
internal sealed class PostgresPendingFormStore(NpgsqlDataSource dataSource, TimeProvider time) : IPendingFormStore
{
    public async Task<string> SaveAsync(PendingForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var key = PendingFormKeys.New();
        await using var batch = dataSource.CreateBatch();
        var prune = new NpgsqlBatchCommand("DELETE FROM pending_forms WHERE expires_ticks <= $1");
        prune.Parameters.Add(new NpgsqlParameter<long> { TypedValue = time.GetUtcNow().UtcTicks });
        var insert = new NpgsqlBatchCommand("INSERT INTO pending_forms (key, expires_ticks, form) VALUES ($1, $2, $3)");
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = form.ExpiresAt.UtcTicks });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = RecordJson.Write(form) });
        batch.BatchCommands.Add(prune);
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return key;
    }

    public async Task<PendingForm?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!PendingFormKeys.IsWellFormed(key))
        {
            return null;
        }

        await using var command = dataSource.CreateCommand("SELECT form FROM pending_forms WHERE key = $1 AND expires_ticks > $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now.UtcTicks });
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? RecordJson.Read<PendingForm>(json) : null;
    }
}
