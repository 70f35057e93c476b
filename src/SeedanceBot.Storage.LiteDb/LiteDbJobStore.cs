using LiteDB;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// Jobs and the usage ledger in LiteDB. Reserve-and-insert and optimistic updates run under the process's write lock, so
/// the quota check and the insert are one atomic step (LiteDB is single-writer, one process per file). The store only
/// counts (reading today's rows through the UserDay and WorkspaceDay indexes, never the JSON); Core's
/// <see cref="QuotaRule"/> decides.
/// </summary>
internal sealed class LiteDbJobStore : IJobStore
{
    private readonly LiteDbContext _context;

    private const int MigrationBatch = 1_000;

    /// <summary>Queued, submitting and running: the user keys in the Open index, so finished jobs are never read.</summary>
    internal static readonly BsonExpression ActiveQuery = Query.Between(nameof(JobDocument.Open), "0", "g");

    /// <summary>Pending or delivering: one key of the Open index, so delivered and abandoned jobs are never read.</summary>
    internal static readonly BsonExpression UndeliveredQuery = Query.EQ(nameof(JobDocument.Open), JobDocument.Undelivered);

    /// <summary>The only columns counting reads (never the JSON).</summary>
    private static readonly BsonExpression CountedColumns = BsonExpression.Create("{ Charge: $.Charge, State: $.State, Seconds: $.Seconds }");

    public LiteDbJobStore(LiteDbContext context)
    {
        _context = context;
        using (_context.EnterWrite())
        {
            Jobs.EnsureIndex(d => d.UserDay);
            Jobs.EnsureIndex(d => d.WorkspaceDay);
            Jobs.EnsureIndex(d => d.Open);
            Ledger.EnsureIndex(d => d.WorkspaceId);
            AddDayKeys();

            // Indexes of files written before the day keys: nothing queries them any more, and each insert paid for them.
            foreach (var index in new[] { nameof(JobDocument.UserId), nameof(JobDocument.WorkspaceId), nameof(JobDocument.State), nameof(JobDocument.Delivery) })
            {
                Jobs.DropIndex(index);
            }
        }
    }

    private ILiteCollection<JobDocument> Jobs => _context.Database.GetCollection<JobDocument>("jobs");

    private ILiteCollection<UsageDocument> Ledger => _context.Database.GetCollection<UsageDocument>("usage");

    public async Task<JobCreation> TryCreateAsync(BotJob job, QuotaCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(check);
        cancellationToken.ThrowIfCancellationRequested();
        using (await _context.EnterWriteAsync(cancellationToken))
        {
            var usage = Usage(job.Origin.Platform, job.Origin.WorkspaceId, job.UserId, check.Since);
            var (videos, seconds) = QuotaRule.HasWorkspaceCap(check) ? WorkspaceUsage(job.Origin.Platform, job.Origin.WorkspaceId, check.WorkspaceSince) : (0, 0);
            var refusal = QuotaRule.Decide(check, new CountedUsage(usage, videos, seconds), job.Seconds);
            if (refusal is not null)
            {
                return new JobCreation(null, refusal, usage);
            }

            var stored = job with { Charge = QuotaRule.ChargeFor(check), Version = 1 };
            if (Jobs.FindById(stored.Id) is not null)
            {
                throw new InvalidOperationException($"A job with id {stored.Id} already exists.");
            }

            Jobs.Insert(ToDocument(stored));
            return new JobCreation(stored, null, usage);
        }
    }

    public Task<BotJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var document = Jobs.FindById(id);
        return Task.FromResult(document is null ? null : FromDocument(document));
    }

    public async Task<BotJob?> TryUpdateAsync(BotJob job, UsageEntry? usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        cancellationToken.ThrowIfCancellationRequested();
        using (await _context.EnterWriteAsync(cancellationToken))
        {
            var current = Jobs.FindById(job.Id);
            if (current is null || current.Version != job.Version)
            {
                return null;
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

            return saved;
        }
    }

    public Task<IReadOnlyList<BotJob>> ListActiveAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(Jobs.Find(ActiveQuery)));
    }

    public Task<IReadOnlyList<BotJob>> ListUndeliveredAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int succeeded = (int)JobState.Succeeded, failed = (int)JobState.Failed;
        return Task.FromResult(Read(Jobs.Find(UndeliveredQuery).Where(d => d.State == succeeded || d.State == failed)));
    }

    public Task<IReadOnlyList<BotJob>> ListRecentAsync(string platform, string workspaceId, string userId, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = JobKeys.User(platform, workspaceId, userId);
        var documents = Jobs.Query()
            .Where(Query.Between(nameof(JobDocument.UserDay), JobKeys.First(key), JobKeys.Last(key)))
            .OrderByDescending(nameof(JobDocument.UserDay))
            .Limit(Math.Max(0, limit))
            .ToList();
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

    /// <summary>The user's charged jobs since <paramref name="since"/> (one index range over today's rows) and their running jobs (one index lookup).</summary>
    private QuotaUsage Usage(string platform, string workspaceId, string userId, DateTimeOffset since)
    {
        var key = JobKeys.User(platform, workspaceId, userId);
        int videos = 0, seconds = 0, running = 0;
        foreach (var row in Counted(Query.Between(nameof(JobDocument.UserDay), JobKeys.At(key, Math.Max(0, since.UtcTicks)), JobKeys.Last(key))))
        {
            if (QuotaRule.CountsForUser((ChargeState)row[nameof(JobDocument.Charge)].AsInt32))
            {
                videos++;
                seconds += row[nameof(JobDocument.Seconds)].AsInt32;
            }
        }

        foreach (var row in Counted(Query.EQ(nameof(JobDocument.Open), key)))
        {
            if (QuotaRule.IsRunning((JobState)row[nameof(JobDocument.State)].AsInt32))
            {
                running++;
            }
        }

        return new QuotaUsage(videos, seconds, running);
    }

    /// <summary>The workspace's jobs that count towards its caps since <paramref name="since"/>: one index range over today's rows.</summary>
    private (int Videos, int Seconds) WorkspaceUsage(string platform, string workspaceId, DateTimeOffset since)
    {
        var key = JobKeys.Workspace(platform, workspaceId);
        int videos = 0, seconds = 0;
        foreach (var row in Counted(Query.Between(nameof(JobDocument.WorkspaceDay), JobKeys.At(key, Math.Max(0, since.UtcTicks)), JobKeys.Last(key))))
        {
            if (QuotaRule.CountsForWorkspace((ChargeState)row[nameof(JobDocument.Charge)].AsInt32, (JobState)row[nameof(JobDocument.State)].AsInt32))
            {
                videos++;
                seconds += row[nameof(JobDocument.Seconds)].AsInt32;
            }
        }

        return (videos, seconds);
    }

    private List<BsonDocument> Counted(BsonExpression where) => Jobs.Query().Where(where).Select(CountedColumns).ToList();

    /// <summary>A one-time migration: documents written before the day keys get them (an index lookup when there are none).</summary>
    private void AddDayKeys()
    {
        while (true)
        {
            var batch = Jobs.Query().Where(Query.EQ(nameof(JobDocument.UserDay), BsonValue.Null)).Limit(MigrationBatch).ToList();
            if (batch.Count == 0)
            {
                return;
            }

            var database = _context.Database;
            database.BeginTrans();
            try
            {
                foreach (var document in batch)
                {
                    WithDayKeys(document);
                    Jobs.Update(document);
                }

                database.Commit();
            }
            catch
            {
                database.Rollback();
                throw;
            }
        }
    }

    private static JobDocument WithDayKeys(JobDocument document)
    {
        var user = JobKeys.User(document.Platform, document.WorkspaceId, document.UserId);
        document.UserDay = JobKeys.At(user, document.CreatedTicks);
        var finished = (JobState)document.State is JobState.Succeeded or JobState.Failed;
        document.Open = QuotaRule.IsRunning((JobState)document.State) ? user
            : finished && (DeliveryState)document.Delivery is DeliveryState.Pending or DeliveryState.Delivering ? JobDocument.Undelivered
            : null;
        document.WorkspaceDay = JobKeys.At(JobKeys.Workspace(document.Platform, document.WorkspaceId), document.CreatedTicks);
        return document;
    }

    private static IReadOnlyList<BotJob> Read(IEnumerable<JobDocument> documents) =>
        [.. documents.OrderBy(d => d.CreatedTicks).Select(FromDocument)];

    internal static JobDocument ToDocument(BotJob job) => WithDayKeys(new()
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
    });

    private static BotJob FromDocument(JobDocument document) => StoreJson.Read<BotJob>(document.Json);
}
