using Npgsql;
using NpgsqlTypes;
using SeedanceBot.Core.Media;

namespace SeedanceBot.Storage.Postgres;

/// <summary>Media bytes in a <c>bytea</c> table (schema step 4), one row per key, readable from every replica.</summary>
internal sealed class PostgresMediaStore(NpgsqlDataSource dataSource) : IMediaStore
{
    public async Task SaveAsync(string jobId, string key, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO media (key, job_id, content_type, content) VALUES ($1, $2, $3, $4)
            ON CONFLICT (key) DO UPDATE SET job_id = EXCLUDED.job_id, content_type = EXCLUDED.content_type, content = EXCLUDED.content
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jobId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = contentType });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = content, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredMedia?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var command = dataSource.CreateCommand("SELECT job_id, content_type, content FROM media WHERE key = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredMedia(key, reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2));
    }

    public async Task<int> DeleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        await using var command = dataSource.CreateCommand("DELETE FROM media WHERE job_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jobId });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
