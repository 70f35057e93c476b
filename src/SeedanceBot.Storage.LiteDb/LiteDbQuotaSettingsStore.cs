using LiteDB;
using SeedanceBot.Core;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>What /quota sets, one document per setting under a readable composite key.</summary>
internal sealed class LiteDbQuotaSettingsStore(LiteDbContext context) : IQuotaSettingsStore
{
    private ILiteCollection<SettingDocument> Settings => context.Database.GetCollection<SettingDocument>("quota_settings");

    public Task<QuotaOverride?> GetUserAsync(WorkspaceKey workspace, string userId, CancellationToken cancellationToken) =>
        Task.FromResult(Get<QuotaOverride>($"user:{workspace}:{userId}"));

    public Task SetUserAsync(WorkspaceKey workspace, string userId, QuotaOverride? limits, CancellationToken cancellationToken) =>
        Set($"user:{workspace}:{userId}", limits);

    public Task<IReadOnlyList<QuotaOverride>> GetRolesAsync(WorkspaceKey workspace, IReadOnlyCollection<string> roleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roleIds);
        return Task.FromResult<IReadOnlyList<QuotaOverride>>([.. roleIds.Select(r => Get<QuotaOverride>($"role:{workspace}:{r}")).OfType<QuotaOverride>()]);
    }

    public Task SetRoleAsync(WorkspaceKey workspace, string roleId, QuotaOverride? limits, CancellationToken cancellationToken) =>
        Set($"role:{workspace}:{roleId}", limits);

    public Task<WorkspaceQuota?> GetWorkspaceAsync(WorkspaceKey workspace, CancellationToken cancellationToken) =>
        Task.FromResult(Get<WorkspaceQuota>($"workspace:{workspace}"));

    public Task SetWorkspaceAsync(WorkspaceKey workspace, WorkspaceQuota settings, CancellationToken cancellationToken) =>
        Set($"workspace:{workspace}", settings);

    public Task<DateTimeOffset?> GetUsageResetAsync(WorkspaceKey workspace, string userId, CancellationToken cancellationToken) =>
        Task.FromResult(Get<DateTimeOffset?>($"reset:{workspace}:{userId}"));

    public Task SetUsageResetAsync(WorkspaceKey workspace, string userId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Set<DateTimeOffset?>($"reset:{workspace}:{userId}", at);

    private T? Get<T>(string key) => Settings.FindById(key) is { } document ? RecordJson.Read<T>(document.Json) : default;

    private Task<bool> Set<T>(string key, T? value)
    {
        var json = value is null ? null : RecordJson.Write(value);
        return context.WriteAsync(
            _ => json is null ? Settings.Delete(key) : Settings.Upsert(new SettingDocument { Key = key, Json = json }),
            CancellationToken.None,
            WriteLane.Answer);
    }
}
