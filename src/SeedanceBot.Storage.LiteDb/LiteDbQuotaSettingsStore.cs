using System.Collections.Concurrent;
using LiteDB;
using SeedanceBot.Core;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// What /quota sets, one document per setting under a readable composite key. Every /video reads several of them (the
/// user's, their roles', the workspace's, the user's last reset) and almost none ever changes, so what was read is kept
/// in memory: a read is a dictionary lookup, not a query LiteDB parses again. The file has one process and every change
/// goes through <see cref="Set{T}"/>, which forgets the key once its write is committed.
/// </summary>
internal sealed class LiteDbQuotaSettingsStore : IQuotaSettingsStore
{
    private readonly LiteDbContext _context;

    public LiteDbQuotaSettingsStore(LiteDbContext context)
    {
        _context = context;

        // LiteDB creates a collection on its first write; a read racing that creation on another thread can find the
        // header naming a page not yet a collection's, and the engine stops ("page type must be collection page"). So
        // the collection exists before anyone reads it.
        _context.AloneAsync(_ => LiteDbContext.CreateCollection(Settings), CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Above this many keys the cache starts over (a bound on memory, not a rule).</summary>
    private const int MaxKeys = 50_000;

    /// <summary>Each key's stored JSON, null for a key with no setting.</summary>
    private readonly ConcurrentDictionary<string, string?> _read = new(StringComparer.Ordinal);

    /// <summary>Counts the writes committed: a read that began before one does not keep what it read.</summary>
    private long _writes;

    /// <summary>Keeping a read and forgetting a written key exclude each other, so a read older than a write is never kept after it.</summary>
    private readonly Lock _keep = new();

    private ILiteCollection<SettingDocument> Settings => _context.Database.GetCollection<SettingDocument>("quota_settings");

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

    private T? Get<T>(string key) => Json(key) is { } json ? RecordJson.Read<T>(json) : default;

    private string? Json(string key)
    {
        if (_read.TryGetValue(key, out var known))
        {
            return known;
        }

        // Kept only if no write committed while it was read (else the file may already hold something newer).
        var writes = Interlocked.Read(ref _writes);
        var json = ById.Find(Settings, key)?.Json;
        lock (_keep)
        {
            if (_writes == writes)
            {
                if (_read.Count >= MaxKeys)
                {
                    _read.Clear();
                }

                _read.TryAdd(key, json);
            }
        }

        return json;
    }

    private async Task Set<T>(string key, T? value)
    {
        var json = value is null ? null : RecordJson.Write(value);
        try
        {
            await _context.WriteAsync(
                _ => json is null ? Settings.Delete(key) : Settings.Upsert(new SettingDocument { Key = key, Json = json }),
                CancellationToken.None,
                WriteLane.Answer);
        }
        finally
        {
            // Also when the write failed: it may have been committed and not flushed.
            lock (_keep)
            {
                _writes++;
                _read.TryRemove(key, out _);
            }
        }
    }
}
