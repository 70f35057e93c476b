using LiteDB;
using SeedanceBot.Core;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// Jobs and the usage ledger in LiteDB. Reserve-and-insert and optimistic updates run on the file's one writer
/// (<see cref="LiteDbWriter"/>, group commit), so the quota check and the insert are one atomic step that also counts
/// every reservation committed with it (LiteDB is single-writer, one process per file). The store only
/// counts (reading today's rows through the UserDay and WorkspaceDay indexes, never the JSON); Core's
/// <see cref="QuotaRule"/> decides.
/// </summary>
internal sealed class LiteDbJobStore : IJobStore
{
    private readonly LiteDbContext _context;

    /// <summary>Recent counted columns by user and workspace key; only the writer's work touches it.</summary>
    private readonly UsageCache _usage = new();

    /// <summary>A job read again is parsed only if it changed.</summary>
    private readonly StoredJobReader _jobs = new();

    /// <summary>The open jobs as committed: what the engine's pass lists and reads before each step.</summary>
    private readonly ActiveJobs _active = new();

    private const int MigrationBatch = 1_000;
    private const string DayKeysMeta = "jobs.daykeys";

    /// <summary>The open jobs' index: every key of <see cref="JobDocument.Todo"/>, none for a job with nothing to do.</summary>
    private const string TodoKeys = "$." + nameof(JobDocument.Todo) + "[*]";

    /// <summary>Queued, submitting and running: the user keys in the Todo index, so finished jobs are never read.</summary>
    internal static readonly BsonExpression ActiveQuery = BsonExpression.Create(TodoKeys + " ANY BETWEEN @0 AND @1", new BsonValue("0"), new BsonValue("g"));

    /// <summary>Pending or delivering: one key of the Todo index, so delivered and abandoned jobs are never read.</summary>
    internal static readonly BsonExpression UndeliveredQuery = BsonExpression.Create(TodoKeys + " ANY = @0", new BsonValue(JobDocument.Undelivered));

    private static readonly BsonExpression UserDayKey = BsonExpression.Create("$." + nameof(JobDocument.UserDay));
    private static readonly BsonExpression WorkspaceDayKey = BsonExpression.Create("$." + nameof(JobDocument.WorkspaceDay));
    private static readonly BsonExpression IdKey = BsonExpression.Create("$._id");

    /// <summary>What counting API slots reads of an open job: its id and state.</summary>
    private static readonly BsonExpression SlotColumns = BsonExpression.Create("{ i: $._id, s: $." + nameof(JobDocument.State) + " }");

    /// <summary>A job's id and counted columns, without its JSON (a projection LiteDB reads without a LINQ expression tree).</summary>
    private static readonly BsonExpression CountedColumns = Counted();

    /// <summary>The counted columns with the user's day key, whose user key <see cref="JobKeys.KeyOfDayKey"/> reads.</summary>
    private static readonly BsonExpression CountedUserColumns = Counted(nameof(JobDocument.UserDay));

    /// <summary>An open job's id and Todo keys.</summary>
    private static readonly BsonExpression OpenColumns = BsonExpression.Create("{ i: $._id, t: $." + nameof(JobDocument.Todo) + " }");

    public LiteDbJobStore(LiteDbContext context)
    {
        _context = context;
        _context.RolledBack += _usage.Clear;
        _context.RolledBack += _active.Discard;
        _context.Committed += _active.Commit;
        _context.Flushed += _active.Flushed;
        _context.AloneAsync(
            _ =>
            {
                Jobs.EnsureIndex(d => d.UserDay);
                Jobs.EnsureIndex(d => d.WorkspaceDay);
                Jobs.EnsureIndex(nameof(JobDocument.Todo), TodoKeys);
                Ledger.EnsureIndex(d => d.WorkspaceId);
                MigrateDayKeys();

                // Indexes of files written before the day keys (and Open, before Todo): nothing queries them any more, and each insert paid for them.
                foreach (var index in new[] { nameof(JobDocument.UserId), nameof(JobDocument.WorkspaceId), nameof(JobDocument.State), nameof(JobDocument.Delivery), "Open" })
                {
                    Jobs.DropIndex(index);
                }

                return true;
            },
            CancellationToken.None).GetAwaiter().GetResult();
    }

    private ILiteCollection<JobDocument> Jobs => _context.Database.GetCollection<JobDocument>("jobs");

    private ILiteCollection<UsageDocument> Ledger => _context.Database.GetCollection<UsageDocument>("usage");

    public Task<JobCreation> TryCreateAsync(BotJob job, QuotaCheck check, CancellationToken cancellationToken) => TryCreateAsync(job, check, null, cancellationToken);

    public Task<JobCreation> TryCreateAsync(BotJob job, QuotaCheck check, ReplayKey? replayKey, CancellationToken cancellationToken) =>
        Create(job, check, replayKey, null, cancellationToken);

    public Task<JobCreation> TryCreateAsync(BotJob job, QuotaCheck check, ReplayKey? replayKey, JobAdmission admission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admission);
        return Create(job, check, replayKey, admission, cancellationToken);
    }

    /// <summary>
    /// Decided in memory in the writer's order (the request's ledger entry and the quota counts are the writer's caches,
    /// as its transaction sees them), <paramref name="admission"/> told at once, then written: the job with its indexes
    /// and the request's entry, committed with the group and on disk before the answer.
    /// </summary>
    private Task<JobCreation> Create(BotJob job, QuotaCheck check, ReplayKey? replayKey, JobAdmission? admission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(check);

        // Everything that does not depend on what is stored is done before the writer's turn, on the caller's thread.
        var stored = job with { Charge = QuotaRule.ChargeFor(check), Version = 1 };
        var document = ToDocument(stored);
        var (userKey, workspaceKey) = UsageKeys.Of(job);
        return _context.Writer.StageAsync(
            (database, settle) =>
            {
                // The request is recorded in the same transaction: committed with the job, or not at all. "Now" is the job's.
                Action<LiteDatabase>? recorded = null;
                if (replayKey is not null)
                {
                    if (!_context.Taken.IsLoaded)
                    {
                        settle();
                    }

                    recorded = LiteDbInteractionLedger.Take(database, _context.Taken, replayKey.Id, replayKey.KeepUntil.UtcTicks, job.CreatedAt.UtcTicks);
                    if (recorded is null)
                    {
                        return new Staged<JobCreation>(JobCreation.Replay, null);
                    }
                }

                // With a money budget, a key's rows are loaded from the month's start, so the month is counted from the cache too.
                var userBudget = QuotaRule.HasUserBudget(check);
                var workspaceBudget = QuotaRule.HasWorkspaceBudget(check);
                var userRows = userBudget ? UserRows(userKey, Earlier(check.Since, check.Budget!.MonthStart), today: false, settle) : UserRows(userKey, check.Since, today: true, settle);
                var usage = CountUser(userRows, check.Since);
                var workspaceRows = QuotaRule.HasWorkspaceCap(check) || workspaceBudget
                    ? WorkspaceRows(workspaceKey, workspaceBudget ? Earlier(check.WorkspaceSince, check.Budget!.MonthStart) : check.WorkspaceSince, settle)
                    : null;
                var (videos, seconds) = workspaceRows is null ? (0, 0) : CountWorkspace(workspaceRows, check.WorkspaceSince);
                MoneySpent? money = null;
                if (check.Budget is { } budget && (userBudget || workspaceBudget))
                {
                    var (userDay, userMonth) = userBudget ? Spend(userRows, budget, workspace: false) : (0m, 0m);
                    var (workspaceDay, workspaceMonth) = workspaceBudget ? Spend(workspaceRows!, budget, workspace: true) : (0m, 0m);
                    money = new MoneySpent(userDay, userMonth, workspaceDay, workspaceMonth);
                }

                var refusal = QuotaRule.Decide(check, new CountedUsage(usage, videos, seconds, money), job.Seconds, stored.Money);
                if (refusal is not null)
                {
                    // The refusal answered the request: its entry is written all the same.
                    return new Staged<JobCreation>(new JobCreation(null, refusal, usage, money), recorded);
                }

                // Counted at once, so the reservations decided after it in the group count it.
                _usage.Apply(document, userKey, workspaceKey);
                _active.Stage(stored);
                return new Staged<JobCreation>(new JobCreation(stored, null, usage, money), file =>
                {
                    recorded?.Invoke(file);
                    try
                    {
                        Jobs.Insert(document);
                    }
                    catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
                    {
                        throw new InvalidOperationException($"A job with id {stored.Id} already exists.", ex);
                    }
                });
            },
            created =>
            {
                if (created.Created)
                {
                    admission?.Admit(created.Job!.Id);
                }
            },
            cancellationToken);
    }

    public Task<BotJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_active.IsLoaded && _active.TryGet(id, out var open))
        {
            return Task.FromResult<BotJob?>(open);
        }

        var document = ById.Find(Jobs, id);
        return Task.FromResult(document is null ? null : FromDocument(document));
    }

    public Task<BotJob?> TryUpdateAsync(BotJob job, UsageEntry? usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var saved = job with { Version = job.Version + 1 };
        var document = ToDocument(saved);
        var keys = UsageKeys.Of(job);
        return _context.WriteAsync(_ => Update(job, saved, document, keys, usage), cancellationToken);
    }

    public Task<BotJob?> TryUpdateIntoSlotAsync(BotJob job, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var saved = job with { Version = job.Version + 1 };
        var document = ToDocument(saved);
        var keys = UsageKeys.Of(job);
        return _context.WriteAsync(
            _ =>
            {
                // The writer is the file's only one, so counting and updating here is one atomic step: from the open
                // jobs in memory as this transaction sees them, or (not loaded yet) two columns of the open documents.
                var held = _active.IsLoaded
                    ? _active.CountAsWritten(j => ApiSlots.Holds(j.State) && j.Id != job.Id)
                    : Jobs.Query().Where(ActiveQuery).Select(SlotColumns).ToEnumerable()
                        .Count(d => ApiSlots.Holds((JobState)d["s"].AsInt32) && d["i"].AsString != job.Id);
                return ApiSlots.Allows(held, limit) ? Update(job, saved, document, keys, null) : null;
            },
            cancellationToken);
    }

    /// <summary>The version-checked update (and its usage line) inside the writer's transaction.</summary>
    private BotJob? Update(BotJob job, BotJob saved, JobDocument document, UsageKeys keys, UsageEntry? usage)
    {
        // An open job's version is known in memory as this transaction sees it; a lookup is a whole LiteDB query.
        var version = _active.VersionAsWritten(job.Id) ?? ById.Find(Jobs, job.Id)?.Version;
        if (version != job.Version)
        {
            return null;
        }

        Jobs.Update(document);
        _active.Stage(saved);
        _usage.Apply(document, keys.User, keys.Workspace);
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
                Cost = usage.Cost,
                Currency = usage.Currency,
            });
        }

        return saved;
    }

    public async Task<IReadOnlyList<BotJob>> ListActiveAsync(CancellationToken cancellationToken)
    {
        if (!_active.IsLoaded)
        {
            // Once, with no write running: every later write reaches the list through the writer.
            await _context.AloneAsync(_ => _active.IsLoaded || _active.Load(Read(Jobs.Find(ActiveQuery))), cancellationToken);
        }

        return _active.List();
    }

    public Task<IReadOnlyList<BotJob>> ListUndeliveredAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int succeeded = (int)JobState.Succeeded, failed = (int)JobState.Failed;
        return Task.FromResult(Read(Jobs.Find(UndeliveredQuery).Where(d => d.State == succeeded || d.State == failed)));
    }

    public Task<IReadOnlyList<BotJob>> ListRecentAsync(string platform, string workspaceId, string userId, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = JobKeys.User(platform, workspaceId, userId);
        var documents = new List<JobDocument>();
        foreach (var (from, to) in Enumerable.Reverse(Days(nameof(JobDocument.UserDay), key, Math.Max(0, since.UtcTicks))))
        {
            if (documents.Count >= limit)
            {
                break;
            }

            documents.AddRange(Jobs.Query()
                .Where(Between(nameof(JobDocument.UserDay), from, to))
                .OrderByDescending(nameof(JobDocument.UserDay))
                .Limit(limit - documents.Count)
                .ToList());
        }

        return Task.FromResult<IReadOnlyList<BotJob>>([.. documents.Select(FromDocument)]);
    }

    public Task<QuotaUsage> GetUsageAsync(string platform, string workspaceId, string userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Usage(platform, workspaceId, userId, since));
    }

    public Task<MoneySpent> GetSpendAsync(string platform, string workspaceId, string userId, DateTimeOffset dayStart, DateTimeOffset monthStart, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var budget = new BudgetCheck(null, null, dayStart, monthStart, string.Empty);
        var user = JobKeys.User(platform, workspaceId, userId);
        var workspace = JobKeys.Workspace(platform, workspaceId);
        var from = Math.Max(0, monthStart.UtcTicks);
        var userRows = new UsageCache.Rows(from);
        foreach (var row in Loaded(nameof(JobDocument.UserDay), user, from))
        {
            userRows.Set(row.JobId, new UsageCache.Row(row.Created, row.Charge, row.State, row.Seconds, row.Money));
        }

        var workspaceRows = new UsageCache.Rows(from);
        foreach (var row in Loaded(nameof(JobDocument.WorkspaceDay), workspace, from))
        {
            workspaceRows.Set(row.JobId, new UsageCache.Row(row.Created, row.Charge, row.State, row.Seconds, row.Money));
        }

        var (userDay, userMonth) = Spend(userRows, budget, workspace: false);
        var (workspaceDay, workspaceMonth) = Spend(workspaceRows, budget, workspace: true);
        return Task.FromResult(new MoneySpent(userDay, userMonth, workspaceDay, workspaceMonth));
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

    /// <summary>The projection of a job's id, its counted columns and <paramref name="more"/> fields.</summary>
    private static BsonExpression Counted(params string[] more) => BsonExpression.Create(
        "{ Id: $._id, " + string.Join(", ", more.Concat([nameof(JobDocument.CreatedTicks), nameof(JobDocument.Charge), nameof(JobDocument.State), nameof(JobDocument.Seconds), nameof(JobDocument.Money)])
            .Select(field => field + ": $." + field)) + " }");

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>
    /// A user's rows from the writer's cache (writer only). For the quota day (<paramref name="today"/>), every user's rows
    /// are loaded at once when due, so a user new today costs no index read; else the key is loaded from
    /// <paramref name="loadFrom"/> on first use, after <paramref name="settle"/> (the writes decided ahead are made first).
    /// </summary>
    private UsageCache.Rows UserRows(string userKey, DateTimeOffset loadFrom, bool today, Action settle)
    {
        var from = Math.Max(0, loadFrom.UtcTicks);
        if (_usage.FindUser(userKey, from) is { } rows)
        {
            return rows;
        }

        settle();
        if (today && _usage.UsersDue(from))
        {
            _usage.LoadUsers(from, LoadedUsers(from), RunningUsers());
            return _usage.FindUser(userKey, from)!;
        }

        return _usage.Add(userKey, from, Loaded(nameof(JobDocument.UserDay), userKey, from), OpenIds(userKey));
    }

    /// <summary>Every user's jobs created from <paramref name="from"/> on, with their user key: one UserDay range a day.</summary>
    private List<(string UserKey, string JobId, long Created, int Charge, int State, int Seconds, decimal Money)> LoadedUsers(long from)
    {
        const string index = nameof(JobDocument.UserDay);
        if (DayAtEnd(index, descending: true) is not { } newest)
        {
            return [];
        }

        var rows = new List<(string, string, long, int, int, int, decimal)>();
        for (var day = JobKeys.DayOf(from); day <= newest; day++)
        {
            foreach (var d in Jobs.Query().Where(Between(index, JobKeys.DayFirst(day), JobKeys.DayLast(day))).Select(CountedUserColumns).ToEnumerable())
            {
                var created = d[nameof(JobDocument.CreatedTicks)].AsInt64;
                if (created >= from && d[index] is { IsString: true } dayKey && JobKeys.KeyOfDayKey(dayKey.AsString) is { } userKey)
                {
                    rows.Add((userKey, d["Id"].AsString, created, d[nameof(JobDocument.Charge)].AsInt32, d[nameof(JobDocument.State)].AsInt32, d[nameof(JobDocument.Seconds)].AsInt32, MoneyOf(d)));
                }
            }
        }

        return rows;
    }

    /// <summary>Every running job with its user's key (the Todo index holds it exactly while the job runs).</summary>
    private List<(string UserKey, string JobId)> RunningUsers() =>
        [.. Jobs.Query().Where(ActiveQuery).Select(OpenColumns).ToEnumerable()
            .SelectMany(d => d["t"].AsArray.Where(key => key.IsString && key.AsString != JobDocument.Undelivered).Select(key => (key.AsString, d["i"].AsString)))];

    /// <summary>A workspace's rows from the writer's cache, loading the key from <paramref name="loadFrom"/> on first use, after <paramref name="settle"/> (writer only).</summary>
    private UsageCache.Rows WorkspaceRows(string workspaceKey, DateTimeOffset loadFrom, Action settle)
    {
        var from = Math.Max(0, loadFrom.UtcTicks);
        if (_usage.Find(workspaceKey, from) is { } rows)
        {
            return rows;
        }

        settle();
        return _usage.Add(workspaceKey, from, Loaded(nameof(JobDocument.WorkspaceDay), workspaceKey, from), null);
    }

    /// <summary>Money of the rows counted by QuotaRule's money predicates, this quota day and this month.</summary>
    private static (decimal Day, decimal Month) Spend(UsageCache.Rows rows, BudgetCheck budget, bool workspace)
    {
        long dayFrom = Math.Max(0, budget.DayStart.UtcTicks), monthFrom = Math.Max(0, budget.MonthStart.UtcTicks);
        decimal day = 0, month = 0;
        foreach (var row in rows.Since(monthFrom))
        {
            var counts = workspace
                ? QuotaRule.CountsMoneyForWorkspace((ChargeState)row.Charge, (JobState)row.State)
                : QuotaRule.CountsMoneyForUser((ChargeState)row.Charge);
            if (counts)
            {
                month += row.Money;
                if (row.Created >= dayFrom)
                {
                    day += row.Money;
                }
            }
        }

        return (day, month);
    }

    /// <summary>The user's usage since <paramref name="since"/> from their cached rows.</summary>
    private static QuotaUsage CountUser(UsageCache.Rows rows, DateTimeOffset since)
    {
        var from = Math.Max(0, since.UtcTicks);
        int videos = 0, seconds = 0;
        foreach (var row in rows.Since(from))
        {
            if (QuotaRule.CountsForUser((ChargeState)row.Charge))
            {
                videos++;
                seconds += row.Seconds;
            }
        }

        return new QuotaUsage(videos, seconds, rows.Running.Count);
    }

    /// <summary>The workspace's counted jobs since <paramref name="since"/> from its cached rows.</summary>
    private static (int Videos, int Seconds) CountWorkspace(UsageCache.Rows rows, DateTimeOffset since)
    {
        var from = Math.Max(0, since.UtcTicks);
        int videos = 0, seconds = 0;
        foreach (var row in rows.Since(from))
        {
            if (QuotaRule.CountsForWorkspace((ChargeState)row.Charge, (JobState)row.State))
            {
                videos++;
                seconds += row.Seconds;
            }
        }

        return (videos, seconds);
    }

    /// <summary>A key's jobs created from <paramref name="from"/> on: ids and counted columns, through its day-key index.</summary>
    private List<(string JobId, long Created, int Charge, int State, int Seconds, decimal Money)> Loaded(string index, string key, long from) =>
        [.. Days(index, key, from).SelectMany(day => Jobs.Query()
            .Where(Between(index, day.From, day.To))
            .Select(CountedColumns)
            .ToEnumerable()
            .Select(d => (d["Id"].AsString, d[nameof(JobDocument.CreatedTicks)].AsInt64, d[nameof(JobDocument.Charge)].AsInt32, d[nameof(JobDocument.State)].AsInt32, d[nameof(JobDocument.Seconds)].AsInt32, MoneyOf(d))))];

    /// <summary>
    /// The key ranges of <paramref name="key"/>'s jobs created from <paramref name="fromTicks"/> on, one a day, oldest
    /// first: from that day (or the index's oldest) to the index's newest day, so the days read are bounded by what the
    /// file holds.
    /// </summary>
    private List<(string From, string To)> Days(string index, string key, long fromTicks)
    {
        if (DayAtEnd(index, descending: true) is not { } newest || DayAtEnd(index, descending: false) is not { } oldest)
        {
            return [];
        }

        var first = JobKeys.DayOf(fromTicks);
        var days = new List<(string, string)>();
        for (var day = Math.Max(first, oldest); day <= newest; day++)
        {
            days.Add((day == first ? JobKeys.At(key, fromTicks) : JobKeys.First(key, day), JobKeys.Last(key, day)));
        }

        return days;
    }

    /// <summary>The day of the index's first (or last) key, read from the index alone; null when it holds none.</summary>
    private long? DayAtEnd(string index, bool descending)
    {
        var ends = Jobs.Query().Where(Between(index, JobKeys.Lowest, JobKeys.Highest));
        var end = (descending ? ends.OrderByDescending(index) : ends.OrderBy(index)).Select(KeyOf(index)).Limit(1).ToList();
        return end is [var row] && row[index] is { IsString: true } value ? JobKeys.DayOfKey(value.AsString) : null;
    }

    /// <summary>The index's key expression, parsed once (<see cref="UserDayKey"/>, <see cref="WorkspaceDayKey"/>).</summary>
    private static BsonExpression KeyOf(string index) => index == nameof(JobDocument.UserDay) ? UserDayKey : WorkspaceDayKey;

    /// <summary>A projected document's money; 0 for a document written before costs were kept.</summary>
    private static decimal MoneyOf(BsonDocument projected) =>
        projected[nameof(JobDocument.Money)] is { IsNumber: true } money ? money.AsDecimal : 0m;

    /// <summary>The ids of a user's running jobs (the Todo index holds their key exactly while they run).</summary>
    private List<string> OpenIds(string userKey) =>
        [.. Jobs.Query().Where(OpenIs(userKey)).Select(d => d.Id).ToEnumerable()];

    /// <summary>
    /// The user's charged jobs since <paramref name="since"/> (one index range over today's keys) and their running jobs
    /// (one index lookup): keys only, no document is read.
    /// </summary>
    private QuotaUsage Usage(string platform, string workspaceId, string userId, DateTimeOffset since)
    {
        var key = JobKeys.User(platform, workspaceId, userId);
        int videos = 0, seconds = 0;
        foreach (var (charge, _, length) in CountedKeys(nameof(JobDocument.UserDay), UserDayKey, key, since))
        {
            if (QuotaRule.CountsForUser((ChargeState)charge))
            {
                videos++;
                seconds += length;
            }
        }

        // Todo holds the user's key exactly while the job holds one of their slots (QuotaRule.IsRunning).
        var running = Jobs.Query().Where(OpenIs(key)).Select(IdKey).ToList().Count;
        return new QuotaUsage(videos, seconds, running);
    }

    /// <summary>The counted columns of the day keys from <paramref name="since"/> on, read from the index alone.</summary>
    private IEnumerable<(int Charge, int State, int Seconds)> CountedKeys(string index, BsonExpression select, string key, DateTimeOffset since)
    {
        var rows = Days(index, key, Math.Max(0, since.UtcTicks))
            .SelectMany(day => Jobs.Query().Where(Between(index, day.From, day.To)).Select(select).ToList())
            .ToList();
        foreach (var row in rows)
        {
            yield return JobKeys.ReadCounted(row[index].AsString) ?? throw new InvalidOperationException($"A {index} key without its counted columns: the file was not migrated.");
        }
    }

    /// <summary>
    /// A one-time migration per format version: documents written before the day keys, or before those carried the
    /// counted columns, get them; the version reached is recorded, so later opens cost one lookup.
    /// </summary>
    private void MigrateDayKeys()
    {
        var meta = _context.Database.GetCollection("meta");
        var recorded = ById.Find(meta, DayKeysMeta)?["Version"].AsInt32 ?? 0;
        if (recorded < JobDocument.DayKeysVersion)
        {
            // Files of an older version have day keys in an older format (version 1: no counted columns; 2: user first; 3: Open
            // a string, with a null key for every finished job): page through every job by id.
            BsonValue after = BsonValue.MinValue;
            while (Rewrite(Jobs.Query().Where(Query.GT("_id", after)).OrderBy("_id").Limit(MigrationBatch).ToList()) is { } last)
            {
                after = last;
            }

            meta.Upsert(new BsonDocument { ["_id"] = DayKeysMeta, ["Version"] = JobDocument.DayKeysVersion });
        }

        // Documents without day keys (written by a version before them into a file already marked): one index lookup when none.
        while (Rewrite(Jobs.Query().Where(Query.EQ(nameof(JobDocument.UserDay), BsonValue.Null)).Limit(MigrationBatch).ToList()) is not null)
        {
        }
    }

    /// <summary>Gives a page of documents their day keys in one commit; the last id, or null for an empty page.</summary>
    private string? Rewrite(List<JobDocument> batch)
    {
        if (batch.Count == 0)
        {
            return null;
        }

        var database = _context.Database;
        database.BeginTrans();
        try
        {
            foreach (var document in batch)
            {
                Jobs.Update(WithDayKeys(document));
            }

            database.Commit();
        }
        catch
        {
            database.Rollback();
            throw;
        }

        return batch[^1].Id;
    }

    /// <summary>
    /// <c>field BETWEEN from AND to</c> with the bounds as parameters: the expression's text is the same every call, so
    /// LiteDB compiles it once (<see cref="Query.Between"/> writes the values into the text, and compiles every call).
    /// </summary>
    internal static BsonExpression Between(string field, string from, string to) =>
        BsonExpression.Create("$." + field + " BETWEEN @0 AND @1", new BsonValue(from), new BsonValue(to));

    /// <summary>A job whose <see cref="JobDocument.Todo"/> holds <paramref name="key"/>, parameterised like <see cref="Between"/>.</summary>
    internal static BsonExpression OpenIs(string key) => BsonExpression.Create(TodoKeys + " ANY = @0", new BsonValue(key));

    private static JobDocument WithDayKeys(JobDocument document)
    {
        var user = JobKeys.User(document.Platform, document.WorkspaceId, document.UserId);
        document.UserDay = JobKeys.Counted(user, document.CreatedTicks, document.Charge, document.State, document.Seconds);
        var finished = (JobState)document.State is JobState.Succeeded or JobState.Failed;
        document.Todo = QuotaRule.IsRunning((JobState)document.State) ? [user]
            : finished && (DeliveryState)document.Delivery is DeliveryState.Pending or DeliveryState.Delivering ? [JobDocument.Undelivered]
            : [];
        document.WorkspaceDay = JobKeys.Counted(JobKeys.Workspace(document.Platform, document.WorkspaceId), document.CreatedTicks, document.Charge, document.State, document.Seconds);
        return document;
    }

    private IReadOnlyList<BotJob> Read(IEnumerable<JobDocument> documents) =>
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
        Money = job.Money,
        Version = job.Version,
        Json = RecordJson.Write(job),
    });

    private BotJob FromDocument(JobDocument document) => _jobs.Read(document.Id, document.Json);
}
