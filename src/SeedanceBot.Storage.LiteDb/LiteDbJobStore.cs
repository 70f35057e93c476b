using LiteDB;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// Jobs and the usage ledger in LiteDB. Reserve-and-insert and optimistic updates run under the process's write lock, so
/// the quota check and the insert are one atomic step (LiteDB is single-writer, one process per file).
/// </summary>
internal sealed class LiteDbJobStore : IJobStore
{
    private readonly LiteDbContext _context;

    public LiteDbJobStore(LiteDbContext context)
    {
        _context = context;
        Jobs.EnsureIndex(d => d.UserId);
        Jobs.EnsureIndex(d => d.State);
        Jobs.EnsureIndex(d => d.Delivery);
        Jobs.EnsureIndex(d => d.WorkspaceId);
        Ledger.EnsureIndex(d => d.WorkspaceId);
    }

    private ILiteCollection<JobDocument> Jobs => _context.Database.GetCollection<JobDocument>("jobs");

    private ILiteCollection<UsageDocument> Ledger => _context.Database.GetCollection<UsageDocument>("usage");

    public Task<JobCreation> TryCreateAsync(BotJob job, QuotaCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(check);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_context.WriteLock)
        {
            var usage = Usage(job.Origin.Platform, job.Origin.WorkspaceId, job.UserId, check.Since);
            var refusal = Refusal(job, check, usage) ?? WorkspaceRefusal(job, check);
            if (refusal is not null)
            {
                return Task.FromResult(new JobCreation(null, refusal, usage));
            }

            var stored = job with { Charge = check.User is null ? ChargeState.Exempt : ChargeState.Reserved, Version = 1 };
            if (Jobs.FindById(stored.Id) is not null)
            {
                throw new InvalidOperationException($"A job with id {stored.Id} already exists.");
            }

            Jobs.Insert(ToDocument(stored));
            return Task.FromResult(new JobCreation(stored, null, usage));
        }
    }

    public Task<BotJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var document = Jobs.FindById(id);
        return Task.FromResult(document is null ? null : FromDocument(document));
    }

    public Task<BotJob?> TryUpdateAsync(BotJob job, UsageEntry? usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_context.WriteLock)
        {
            var current = Jobs.FindById(job.Id);
            if (current is null || current.Version != job.Version)
            {
                return Task.FromResult<BotJob?>(null);
            }

            var saved = job with { Version = job.Version + 1 };
            var database = _context.Database;
            database.BeginTrans();
            try
            {
                Jobs.Update(ToDocument(saved));
                if (usage is not null)
                {
                    Ledger.Upsert(new UsageDocument
                    {
                        JobId = usage.JobId,
                        Platform = usage.Platform,
                        WorkspaceId = usage.WorkspaceId,
                        UserId = usage.UserId,
                        UserName = usage.UserName,
                        Seconds = usage.Seconds,
                        Prompt = usage.PromptExcerpt,
                        AtTicks = usage.At.UtcTicks,
                    });
                }

                database.Commit();
            }
            catch
            {
                database.Rollback();
                throw;
            }

            return Task.FromResult<BotJob?>(saved);
        }
    }

    public Task<IReadOnlyList<BotJob>> ListActiveAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int queued = (int)JobState.Queued, submitting = (int)JobState.Submitting, running = (int)JobState.Running;
        return Task.FromResult(Read(Jobs.Find(d => d.State == queued || d.State == submitting || d.State == running)));
    }

    public Task<IReadOnlyList<BotJob>> ListUndeliveredAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int pending = (int)DeliveryState.Pending, delivering = (int)DeliveryState.Delivering;
        int succeeded = (int)JobState.Succeeded, failed = (int)JobState.Failed;
        return Task.FromResult(Read(Jobs.Find(d => (d.Delivery == pending || d.Delivery == delivering) && (d.State == succeeded || d.State == failed))));
    }

    public Task<IReadOnlyList<BotJob>> ListRecentAsync(string platform, string workspaceId, string userId, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var documents = Jobs.Find(d => d.UserId == userId && d.WorkspaceId == workspaceId && d.Platform == platform)
            .OrderByDescending(d => d.CreatedTicks).Take(limit);
        return Task.FromResult<IReadOnlyList<BotJob>>([.. documents.Select(FromDocument)]);
    }

    public Task<QuotaUsage> GetUsageAsync(string platform, string workspaceId, string userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Usage(platform, workspaceId, userId, since));
    }

    public Task<IReadOnlyList<UserUsage>> TopUsersAsync(string platform, string workspaceId, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sinceTicks = since.UtcTicks;
        var top = Ledger.Find(d => d.WorkspaceId == workspaceId && d.Platform == platform && d.AtTicks >= sinceTicks)
            .GroupBy(d => d.UserId)
            .Select(g => new UserUsage(g.Key, g.OrderBy(d => d.AtTicks).Last().UserName, g.Count(), g.Sum(d => d.Seconds)))
            .OrderByDescending(u => u.Seconds)
            .Take(limit);
        return Task.FromResult<IReadOnlyList<UserUsage>>([.. top]);
    }

    private static QuotaRefusal? Refusal(BotJob job, QuotaCheck check, QuotaUsage usage)
    {
        if (check.User is { } limits)
        {
            if (usage.Running >= limits.MaxConcurrentJobs)
            {
                return QuotaRefusal.ConcurrentJobs;
            }

            if (usage.Videos + 1 > limits.DailyVideos)
            {
                return QuotaRefusal.DailyVideos;
            }

            if (usage.Seconds + job.Seconds > limits.DailySeconds)
            {
                return QuotaRefusal.DailySeconds;
            }
        }

        return null;
    }

    private QuotaRefusal? WorkspaceRefusal(BotJob job, QuotaCheck check)
    {
        if (check.WorkspaceDailyVideos is null && check.WorkspaceDailySeconds is null)
        {
            return null;
        }

        var sinceTicks = check.WorkspaceSince.UtcTicks;
        int reserved = (int)ChargeState.Reserved, committed = (int)ChargeState.Committed, exempt = (int)ChargeState.Exempt;
        var platform = job.Origin.Platform;
        var charged = Jobs.Find(d => d.WorkspaceId == job.Origin.WorkspaceId && d.Platform == platform && d.CreatedTicks >= sinceTicks)
            .Where(d => d.Charge == reserved || d.Charge == committed || d.Charge == exempt)
            .ToList();
        if (check.WorkspaceDailyVideos is { } videos && charged.Count + 1 > videos)
        {
            return QuotaRefusal.WorkspaceDailyVideos;
        }

        return check.WorkspaceDailySeconds is { } seconds && charged.Sum(d => d.Seconds) + job.Seconds > seconds
            ? QuotaRefusal.WorkspaceDailySeconds
            : null;
    }

    private QuotaUsage Usage(string platform, string workspaceId, string userId, DateTimeOffset since)
    {
        var sinceTicks = since.UtcTicks;
        int reserved = (int)ChargeState.Reserved, committed = (int)ChargeState.Committed;
        int queued = (int)JobState.Queued, submitting = (int)JobState.Submitting, running = (int)JobState.Running;
        var mine = Jobs.Find(d => d.UserId == userId && d.WorkspaceId == workspaceId && d.Platform == platform).ToList();
        var charged = mine.Where(d => (d.Charge == reserved || d.Charge == committed) && d.CreatedTicks >= sinceTicks).ToList();
        return new QuotaUsage(charged.Count, charged.Sum(d => d.Seconds), mine.Count(d => d.State == queued || d.State == submitting || d.State == running));
    }

    private static IReadOnlyList<BotJob> Read(IEnumerable<JobDocument> documents) =>
        [.. documents.OrderBy(d => d.CreatedTicks).Select(FromDocument)];

    private static JobDocument ToDocument(BotJob job) => new()
    {
        Id = job.Id,
        Platform = job.Origin.Platform,
        WorkspaceId = job.Origin.WorkspaceId,
        UserId = job.UserId,
        State = (int)job.State,
        Charge = (int)job.Charge,
        Delivery = (int)job.Delivery,
        CreatedTicks = job.CreatedAt.UtcTicks,
        Seconds = job.Seconds,
        Version = job.Version,
        Json = StoreJson.Write(job),
    };

    private static BotJob FromDocument(JobDocument document) => StoreJson.Read<BotJob>(document.Json);
}
