using Npgsql;
using SeedanceBot.Core.Replicas;

namespace SeedanceBot.Storage.Postgres;

/// <summary>
/// Named leases in the <c>leases</c> table, one row each, shared by every replica. Each call is one statement, so the
/// database decides between replicas racing for a lease: the conditional upsert takes a row only when it is free,
/// expired or the caller's own. Expiries are the app's clock (its <see cref="TimeProvider"/>), as ticks.
/// </summary>
internal sealed class PostgresReplicaLeases(NpgsqlDataSource dataSource, TimeProvider time) : IReplicaLeases
{
    public async Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(owner);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO leases (name, owner, until_ticks) VALUES ($1, $2, $3)
            ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, until_ticks = EXCLUDED.until_ticks
            WHERE leases.owner = EXCLUDED.owner OR leases.until_ticks <= $4
            """);
        AddParameters(command, name, owner, until.UtcTicks, time.GetUtcNow().UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> RenewAsync(string name, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(owner);
        await using var command = dataSource.CreateCommand("UPDATE leases SET until_ticks = $3 WHERE name = $1 AND owner = $2 AND until_ticks > $4");
        AddParameters(command, name, owner, until.UtcTicks, time.GetUtcNow().UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(owner);
        await using var command = dataSource.CreateCommand("DELETE FROM leases WHERE name = $1 AND owner = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReplicaLease>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await using var command = dataSource.CreateCommand("SELECT name, owner, until_ticks FROM leases WHERE starts_with(name, $1) AND until_ticks > $2 ORDER BY name");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = time.GetUtcNow().UtcTicks });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var leases = new List<ReplicaLease>();
        while (await reader.ReadAsync(cancellationToken))
        {
            leases.Add(new ReplicaLease(reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero)));
        }

        return leases;
    }

    private static void AddParameters(NpgsqlCommand command, string name, string owner, long untilTicks, long nowTicks)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = untilTicks });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = nowTicks });
    }
}
