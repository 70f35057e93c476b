using Npgsql;
using SeedanceBot.Core;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.Postgres;

/// <summary>What /quota sets, one row per setting under the same readable keys as the LiteDB store (a migration copies them as they are).</summary>
internal sealed class PostgresQuotaSettingsStore(NpgsqlDataSource dataSource) : IQuotaSettingsStore
{
    public Task<QuotaOverride?> GetUserAsync(WorkspaceKey workspace, string userId, CancellationToken cancellationToken) =>
        GetAsync<QuotaOverride>($"user:{workspace}:{userId}", cancellationToken);

    public Task SetUserAsync(WorkspaceKey workspace, string userId, QuotaOverride? limits, CancellationToken cancellationToken) =>
        SetAsync($"user:{workspace}:{userId}", limits, cancellationToken);

    public async Task<IReadOnlyList<QuotaOverride>> GetRolesAsync(WorkspaceKey workspace, IReadOnlyCollection<string> roleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roleIds);
        if (roleIds.Count == 0)
        {
            return [];
        }

        var keys = roleIds.Select(r => $"role:{workspace}:{r}").ToArray();
        var found = new Dictionary<string, QuotaOverride>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand("SELECT key, value FROM quota_settings WHERE key = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = RecordJson.Read<QuotaOverride>(reader.GetString(1));
        }

        return [.. keys.Select(k => found.GetValueOrDefault(k)).OfType<QuotaOverride>()];
    }

    public Task SetRoleAsync(WorkspaceKey workspace, string roleId, QuotaOverride? limits, CancellationToken cancellationToken) =>
        SetAsync($"role:{workspace}:{roleId}", limits, cancellationToken);

    public Task<WorkspaceQuota?> GetWorkspaceAsync(WorkspaceKey workspace, CancellationToken cancellationToken) =>
        GetAsync<WorkspaceQuota>($"workspace:{workspace}", cancellationToken);

    public Task SetWorkspaceAsync(WorkspaceKey workspace, WorkspaceQuota settings, CancellationToken cancellationToken) =>
        SetAsync($"workspace:{workspace}", settings, cancellationToken);

    public Task<DateTimeOffset?> GetUsageResetAsync(WorkspaceKey workspace, string userId, CancellationToken cancellationToken) =>
        GetAsync<DateTimeOffset?>($"reset:{workspace}:{userId}", cancellationToken);

    public Task SetUsageResetAsync(WorkspaceKey workspace, string userId, DateTimeOffset at, CancellationToken cancellationToken) =>
        SetAsync<DateTimeOffset?>($"reset:{workspace}:{userId}", at, cancellationToken);

    private async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT value FROM quota_settings WHERE key = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? RecordJson.Read<T>(json) : default;
    }

    private async Task SetAsync<T>(string key, T? value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(value is null
            ? "DELETE FROM quota_settings WHERE key = $1"
            : "INSERT INTO quota_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        if (value is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = RecordJson.Write(value) });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
