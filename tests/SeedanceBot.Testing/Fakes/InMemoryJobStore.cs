using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Usage;

namespace SeedanceBot.Testing.Fakes;

/// <summary>Core's stores in memory, counting and inserting atomically under one lock with Core's QuotaRule, as the LiteDB store does, for Core tests and benchmarks.</summary>
/// <param name="time">The clock the interaction ledger reads "now" from (its entries expire as LiteDB's do).</param>
public sealed class InMemoryJobStore(TimeProvider? time = null) : IJobStore, IQuotaSettingsStore, IInteractionLedger, IPendingFormStore, IUsageHistory
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, DateTimeOffset> _interactions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingForm> _forms = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BotJob> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UsageEntry> _ledger = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QuotaOverride> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QuotaOverride> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkspaceQuota> _workspaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _resets = new(StringComparer.Ordinal);

    /// <summary>Awaited before every reservation and usage count when set: a slow disk, for tests of the slow path.</summary>
    public Func<CancellationToken, Task>? Stall { get; set; }

    /// <summary>
    /// Awaited after a reservation with a <see cref="JobAdmission"/> is decided and admitted, before it is answered: its
    /// write going to disk (hold it) or failing (throw: the job is then not stored, as a rolled-back write leaves it).
    /// </summary>
    public Func<CancellationToken, Task>? WriteStall { get; set; }

    /// <summary>A <see cref="WriteStall"/> that throws fails after the commit (a flush): the job stays stored, and the write still fails.</summary>
    public bool WriteFailsAfterCommit { get; set; }

    public IReadOnlyList<BotJob> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _jobs.Values.OrderBy(j => j.CreatedAt)];
            }
        }
    }

    public IReadOnlyList<UsageEntry> Ledger
    {
        get
        {
            lock (_lock)
            {
                return [.. _ledger.Values];
            }
        }
    }

    public Task<JobCreation> TryCreateAsync(BotJob job, QuotaCheck check, CancellationToken cancellationToken) => TryCreateAsync(job, check, null, cancellationToken);

    public async Task<JobCreation> TryCreateAsync(BotJob job, QuotaCheck check, ReplayKey? replayKey, CancellationToken cancellationToken)
    {
        if (Stall is { } stall)
        {
            await stall(cancellationToken);
        }

        return Create(job, check, replayKey);
    }

    public async Task<JobCreation> TryCreateAsync(BotJob job, QuotaCheck check, ReplayKey? replayKey, JobAdmission admission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admission);
        if (Stall is { } stall)
        {
            await stall(cancellationToken);
        }

        var created = Create(job, check, replayKey);
        if (!created.Created)
        {
            return created;
        }

        admission.Admit(created.Job!.Id);
        try
        {
            if (WriteStall is { } write)
            {
                await write(cancellationToken);
            }
        }
        catch when (!WriteFailsAfterCommit)
        {
            lock (_lock)
            {
                _jobs.Remove(job.Id);
            }

            throw;
        }

        return created;
    }

    private JobCreation Create(BotJob job, QuotaCheck check, ReplayKey? replayKey)
    {
        lock (_lock)
        {
            // Under the same lock as the insert, as the stores record it in the reservation's transaction.
            if (replayKey is not null && !Record(replayKey.Platform, replayKey.Key, replayKey.KeepUntil, job.CreatedAt))
            {
                return JobCreation.Replay;
            }

            var usage = Usage(job.Origin.Platform, job.Origin.WorkspaceId, job.UserId, check.Since);
            var workspace = QuotaRule.HasWorkspaceCap(check)
                ? [.. _jobs.Values.Where(j => j.Origin.Platform == job.Origin.Platform && j.Origin.WorkspaceId == job.Origin.WorkspaceId && j.CreatedAt >= check.WorkspaceSince && QuotaRule.CountsForWorkspace(j.Charge, j.State))]
                : new List<BotJob>();
            var money = Money(job, check);
            var refusal = QuotaRule.Decide(check, new CountedUsage(usage, workspace.Count, workspace.Sum(j => j.Seconds), money), job.Seconds, job.Money);
            if (refusal is not null)
            {
                return new JobCreation(null, refusal, usage, money);
            }

            if (_jobs.ContainsKey(job.Id))
            {
                throw new InvalidOperationException($"A job with id {job.Id} already exists.");
            }

            var stored = job with { Charge = QuotaRule.ChargeFor(check), Version = 1 };
            _jobs.Add(stored.Id, stored);
            return new JobCreation(stored, null, usage, money);
        }
    }

    /// <summary>Money spent or reserved by the job's user and workspace this quota day and month, when a budget applies.</summary>
    private MoneySpent? Money(BotJob job, QuotaCheck check)
    {
        return check.Budget is { } budget && (QuotaRule.HasUserBudget(check) || QuotaRule.HasWorkspaceBudget(check))
            ? Spend(job.Origin.Platform, job.Origin.WorkspaceId, job.UserId, budget.DayStart, budget.MonthStart)
            : null;
    }

    public Task<MoneySpent> GetSpendAsync(string platform, string workspaceId, string userId, DateTimeOffset dayStart, DateTimeOffset monthStart, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Spend(platform, workspaceId, userId, dayStart, monthStart));
        }
    }

    private MoneySpent Spend(string platform, string workspaceId, string userId, DateTimeOffset dayStart, DateTimeOffset monthStart)
    {
        var workspace = _jobs.Values.Where(j => j.Origin.Platform == platform && j.Origin.WorkspaceId == workspaceId && j.CreatedAt >= monthStart).ToList();
        var mine = workspace.Where(j => j.UserId == userId && QuotaRule.CountsMoneyForUser(j.Charge)).ToList();
        var all = workspace.Where(j => QuotaRule.CountsMoneyForWorkspace(j.Charge, j.State)).ToList();
        return new MoneySpent(
            mine.Where(j => j.CreatedAt >= dayStart).Sum(j => j.Money),
            mine.Sum(j => j.Money),
            all.Where(j => j.CreatedAt >= dayStart).Sum(j => j.Money),
            all.Sum(j => j.Money));
    }

    public Task<BotJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_jobs.GetValueOrDefault(id));
        }
    }

    public Task<BotJob?> TryUpdateAsync(BotJob job, UsageEntry? usage, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_jobs.TryGetValue(job.Id, out var current) || current.Version != job.Version)
            {
                return Task.FromResult<BotJob?>(null);
            }

            var saved = job with { Version = job.Version + 1 };
            _jobs[job.Id] = saved;
            if (usage is not null)
            {
                _ledger[usage.JobId] = usage;
            }

            return Task.FromResult<BotJob?>(saved);
        }
    }

    public Task<BotJob?> TryUpdateIntoSlotAsync(BotJob job, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var held = _jobs.Values.Count(j => ApiSlots.Holds(j.State) && j.Id != job.Id);
            return ApiSlots.Allows(held, limit) ? TryUpdateAsync(job, null, cancellationToken) : Task.FromResult<BotJob?>(null);
        }
    }

    public Task<IReadOnlyList<BotJob>> ListActiveAsync(CancellationToken cancellationToken) =>
        Query(j => j.IsActive, j => j.CreatedAt);

    public Task<IReadOnlyList<BotJob>> ListUndeliveredAsync(CancellationToken cancellationToken) =>
        Query(j => j.IsFinished && j.Delivery is DeliveryState.Pending or DeliveryState.Delivering, j => j.CreatedAt);

    public async Task<IReadOnlyList<BotJob>> ListRecentAsync(string platform, string workspaceId, string userId, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var all = await Query(j => j.Origin.Platform == platform && j.Origin.WorkspaceId == workspaceId && j.UserId == userId && j.CreatedAt >= since, j => j.CreatedAt);
        return [.. all.Reverse().Take(limit)];
    }

    public async Task<QuotaUsage> GetUsageAsync(string platform, string workspaceId, string userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (Stall is { } stall)
        {
            await stall(cancellationToken);
        }

        lock (_lock)
        {
            return Usage(platform, workspaceId, userId, since);
        }
    }

    public Task<IReadOnlyList<UserUsage>> TopUsersAsync(string platform, string workspaceId, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<UserUsage>>(
            [
                .. _ledger.Values.Where(e => e.Platform == platform && e.WorkspaceId == workspaceId && e.At >= since)
                    .GroupBy(e => e.UserId)
                    .Select(g => new UserUsage(g.Key, g.OrderBy(e => e.At).Last().UserName, g.Count(), g.Sum(e => e.Seconds)))
                    .OrderByDescending(u => u.Seconds).Take(limit),
            ]);
        }
    }

    public Task<IReadOnlyList<UsageDayRow>> UsageByDayAsync(UsageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            return Task.FromResult(query.Group([.. _ledger.Values]));
        }
    }

    public Task<QuotaOverride?> GetUserAsync(WorkspaceKey workspace, string userId, CancellationToken cancellationToken) => Get(_users, $"{workspace}:{userId}");

    public Task SetUserAsync(WorkspaceKey workspace, string userId, QuotaOverride? limits, CancellationToken cancellationToken) => Set(_users, $"{workspace}:{userId}", limits);

    public Task<IReadOnlyList<QuotaOverride>> GetRolesAsync(WorkspaceKey workspace, IReadOnlyCollection<string> roleIds, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<QuotaOverride>>([.. roleIds.Select(r => _roles.GetValueOrDefault($"{workspace}:{r}")).OfType<QuotaOverride>()]);
        }
    }

    public Task SetRoleAsync(WorkspaceKey workspace, string roleId, QuotaOverride? limits, CancellationToken cancellationToken) => Set(_roles, $"{workspace}:{roleId}", limits);

    public Task<WorkspaceQuota?> GetWorkspaceAsync(WorkspaceKey workspace, CancellationToken cancellationToken) => Get(_workspaces, workspace.ToString());

    public Task SetWorkspaceAsync(WorkspaceKey workspace, WorkspaceQuota settings, CancellationToken cancellationToken) => Set(_workspaces, workspace.ToString(), settings);

    public Task<DateTimeOffset?> GetUsageResetAsync(WorkspaceKey workspace, string userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<DateTimeOffset?>(_resets.TryGetValue($"{workspace}:{userId}", out var at) ? at : null);
        }
    }

    public Task SetUsageResetAsync(WorkspaceKey workspace, string userId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _resets[$"{workspace}:{userId}"] = at;
        }

        return Task.CompletedTask;
    }

    private QuotaUsage Usage(string platform, string workspaceId, string userId, DateTimeOffset since)
    {
        var mine = _jobs.Values.Where(j => j.Origin.Platform == platform && j.Origin.WorkspaceId == workspaceId && j.UserId == userId).ToList();
        var charged = mine.Where(j => QuotaRule.CountsForUser(j.Charge) && j.CreatedAt >= since).ToList();
        return new QuotaUsage(charged.Count, charged.Sum(j => j.Seconds), mine.Count(j => QuotaRule.IsRunning(j.State)));
    }

    private Task<IReadOnlyList<BotJob>> Query(Func<BotJob, bool> filter, Func<BotJob, DateTimeOffset> order)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<BotJob>>([.. _jobs.Values.Where(filter).OrderBy(order)]);
        }
    }

    private Task<T?> Get<T>(Dictionary<string, T> map, string key)
        where T : class
    {
        lock (_lock)
        {
            return Task.FromResult(map.GetValueOrDefault(key));
        }
    }

    private Task Set<T>(Dictionary<string, T> map, string key, T? value)
        where T : class
    {
        lock (_lock)
        {
            if (value is null)
            {
                map.Remove(key);
            }
            else
            {
                map[key] = value;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Awaited before every interaction-ledger record when set: a slow disk under the replay check.</summary>
    public Func<CancellationToken, Task>? LedgerStall { get; set; }

    public async Task<bool> TryRecordAsync(string platform, string key, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        if (LedgerStall is { } stall)
        {
            await stall(cancellationToken);
        }

        return Record(platform, key, keepUntil);
    }

    private bool Record(string platform, string key, DateTimeOffset keepUntil, DateTimeOffset? now = null)
    {
        lock (_lock)
        {
            var id = ReplayKey.IdOf(platform, key);
            if (_interactions.TryGetValue(id, out var until) && until > (now ?? _time.GetUtcNow()))
            {
                return false;
            }

            _interactions[id] = keepUntil;
            return true;
        }
    }

    public Task<string> SaveAsync(PendingForm form, CancellationToken cancellationToken)
    {
        var key = PendingFormKeys.New();
        lock (_lock)
        {
            _forms.Add(key, form);
        }

        return Task.FromResult(key);
    }

    public Task<PendingForm?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_forms.GetValueOrDefault(key) is { } form && form.ExpiresAt > now ? form : null);
        }
    }
}
