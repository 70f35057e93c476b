using Npgsql;
using NpgsqlTypes;
using SeedanceBot.Core;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.Postgres;

/// <summary>
/// Jobs and the usage ledger in PostgreSQL, shared by every replica. A reservation is one transaction that first takes
/// the advisory locks of what it counts, so counting and inserting are one atomic step across connections and processes:
/// two /video near a limit never both pass. Checked against workspace caps or budgets it takes the workspace's lock alone
/// (<see cref="RowKeys.WorkspaceLock"/>); otherwise it shares that lock and takes only its user's
/// (<see cref="RowKeys.UserLock"/>), so the reservations of different users do not wait for each other's commits. The
/// store only counts, reading today's rows through the day indexes and grouping by (charge, state); Core's
/// <see cref="QuotaRule"/> says which groups count and decides.
/// </summary>
internal sealed class PostgresJobStore(NpgsqlDataSource dataSource) : IJobStore
{
    private readonly PostgresReservations _reservations = new(dataSource);

    /// <summary>Each pass of the engine lists the open jobs again: only the changed ones are parsed.</summary>
    private readonly StoredJobReader _jobs = new();

    internal const string Columns = "platform, workspace_id, user_id, user_key, workspace_key, state, charge, delivery, created_ticks, seconds, running_user, undelivered, body, money";

    /// <summary>A user's jobs created since $2, by (charge, state): one range of the user-day index, read index-only.</summary>
    internal const string UserDay = "SELECT charge, state, count(*), coalesce(sum(seconds), 0) FROM jobs WHERE user_key = $1 AND created_ticks >= $2 GROUP BY charge, state";

    /// <summary>A user's jobs holding a concurrent slot, by (charge, state): the partial running-user index.</summary>
    internal const string RunningOfUser = "SELECT charge, state, count(*), 0::bigint FROM jobs WHERE running_user = $1 GROUP BY charge, state";

    /// <summary>A workspace's jobs created since $2, by (charge, state): one range of the workspace-day index, read index-only.</summary>
    internal const string WorkspaceDay = "SELECT charge, state, count(*), coalesce(sum(seconds), 0) FROM jobs WHERE workspace_key = $1 AND created_ticks >= $2 GROUP BY charge, state";

    /// <summary>A user's money since $2 (the month) and since $3 (the day), by (charge, state).</summary>
    internal const string UserMoney = "SELECT charge, state, coalesce(sum(money) FILTER (WHERE created_ticks >= $3), 0), coalesce(sum(money), 0) FROM jobs WHERE user_key = $1 AND created_ticks >= $2 GROUP BY charge, state";

    /// <summary>A workspace's money since $2 (the month) and since $3 (the day), by (charge, state).</summary>
    internal const string WorkspaceMoney = "SELECT charge, state, coalesce(sum(money) FILTER (WHERE created_ticks >= $3), 0), coalesce(sum(money), 0) FROM jobs WHERE workspace_key = $1 AND created_ticks >= $2 GROUP BY charge, state";

    /// <summary>A usage-ledger line, once per job id (written again, it replaces itself).</summary>
    internal const string UpsertUsage =
        """
        INSERT INTO usage_ledger (job_id, platform, workspace_id, user_id, user_name, seconds, prompt, at_ticks, workspace_key, cost, currency)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (job_id) DO UPDATE SET platform = EXCLUDED.platform, workspace_id = EXCLUDED.workspace_id, user_id = EXCLUDED.user_id,
            user_name = EXCLUDED.user_name, seconds = EXCLUDED.seconds, prompt = EXCLUDED.prompt, at_ticks = EXCLUDED.at_ticks, workspace_key = EXCLUDED.workspace_key,
            cost = EXCLUDED.cost, currency = EXCLUDED.currency
        """;

    public Task<JobCreation> TryCreateAsync(BotJob job, QuotaCheck check, CancellationToken cancellationToken) => TryCreateAsync(job, check, null, cancellationToken);

    public Task<JobCreation> TryCreateAsync(BotJob job, QuotaCheck check, Core.Chat.ReplayKey? replayKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(check);
        return _reservations.ReserveAsync(new Reservation(job, check, replayKey), cancellationToken);
    }

    /// <summary>
    /// Reserves <paramref name="batch"/> in one transaction, in order, each decided against the counts read once for all
    /// of them plus the jobs of the batch inserted before it (<see cref="QuotaRule.With"/>), as if they ran one after the
    /// other. Null, with nothing written, when an id is already stored.
    /// </summary>
    internal static async Task<IReadOnlyList<JobCreation>?> ReserveAllAsync(NpgsqlDataSource dataSource, IReadOnlyList<Reservation> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);

        // One round trip: the locks, then every count the batch needs, each once.
        await using var query = new NpgsqlBatch(connection, transaction);
        var locks = Locks(batch);
        foreach (var (sql, space, key) in locks)
        {
            query.BatchCommands.Add(Sql($"SELECT {sql}({space}, $1)", key));
        }

        var users = batch.Select(r => (r.UserKey, Since: Ticks(r.Check.Since))).Distinct().ToList();
        var workspaces = batch.Where(r => QuotaRule.HasWorkspaceCap(r.Check)).Select(r => (r.WorkspaceKey, Since: Ticks(r.Check.WorkspaceSince))).Distinct().ToList();
        var userMoney = batch.Where(r => QuotaRule.HasUserBudget(r.Check)).Select(r => (r.UserKey, r.MonthStart, r.DayStart)).Distinct().ToList();
        var workspaceMoney = batch.Where(r => QuotaRule.HasWorkspaceBudget(r.Check)).Select(r => (r.WorkspaceKey, r.MonthStart, r.DayStart)).Distinct().ToList();
        foreach (var (key, since) in users)
        {
            query.BatchCommands.Add(Sql(UserDay, key, since));
            query.BatchCommands.Add(Sql(RunningOfUser, key));
        }

        workspaces.ForEach(w => query.BatchCommands.Add(Sql(WorkspaceDay, w.WorkspaceKey, w.Since)));
        userMoney.ForEach(m => query.BatchCommands.Add(Sql(UserMoney, m.UserKey, m.MonthStart, m.DayStart)));
        workspaceMoney.ForEach(m => query.BatchCommands.Add(Sql(WorkspaceMoney, m.WorkspaceKey, m.MonthStart, m.DayStart)));

        // The requests' keys, recorded in the same transaction as their jobs (once each: a replay racing its original in
        // the same batch is a replay). "Now" is the batch's earliest job.
        var keys = batch.Where(r => r.ReplayKey is not null).Select(r => r.ReplayKey!).DistinctBy(k => k.Id).ToList();
        if (keys.Count > 0)
        {
            var take = new NpgsqlBatchCommand(PostgresInteractionLedger.TakeAll);
            take.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys.Select(k => k.Id)] });
            take.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. keys.Select(k => k.KeepUntil.UtcTicks)] });
            take.Parameters.Add(new NpgsqlParameter<long> { TypedValue = batch.Min(r => r.Job.CreatedAt.UtcTicks) });
            query.BatchCommands.Add(take);
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);

        var userCounts = new Dictionary<(Guid, long), QuotaUsage>();
        var workspaceCounts = new Dictionary<(Guid, long), (int Videos, int Seconds)>();
        var userSpent = new Dictionary<(Guid, long, long), (decimal Day, decimal Month)>();
        var workspaceSpent = new Dictionary<(Guid, long, long), (decimal Day, decimal Month)>();
        await using (var reader = await query.ExecuteReaderAsync(CancellationToken.None))
        {
            for (var i = 1; i < locks.Count; i++)
            {
                await reader.NextResultAsync(CancellationToken.None);
            }

            foreach (var user in users)
            {
                await reader.NextResultAsync(CancellationToken.None);
                userCounts[user] = await ReadUserUsageAsync(reader, CancellationToken.None);
            }

            foreach (var workspace in workspaces)
            {
                await reader.NextResultAsync(CancellationToken.None);
                int videos = 0, seconds = 0;
                await foreach (var (charge, state, count, sum) in GroupsAsync(reader, CancellationToken.None))
                {
                    if (QuotaRule.CountsForWorkspace(charge, state))
                    {
                        (videos, seconds) = (videos + count, seconds + sum);
                    }
                }

                workspaceCounts[workspace] = (videos, seconds);
            }

            foreach (var money in userMoney)
            {
                await reader.NextResultAsync(CancellationToken.None);
                userSpent[money] = await MoneyAsync(reader, workspace: false, CancellationToken.None);
            }

            foreach (var money in workspaceMoney)
            {
                await reader.NextResultAsync(CancellationToken.None);
                workspaceSpent[money] = await MoneyAsync(reader, workspace: true, CancellationToken.None);
            }

            if (keys.Count > 0)
            {
                await reader.NextResultAsync(CancellationToken.None);
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    taken.Add(reader.GetString(0));
                }
            }
        }

        var results = new List<JobCreation>(batch.Count);
        var inserted = new List<(Reservation Reservation, BotJob Stored)>();
        foreach (var reservation in batch)
        {
            if (reservation.ReplayKey is { } key && !taken.Remove(key.Id))
            {
                results.Add(JobCreation.Replay);
                continue;
            }

            var check = reservation.Check;
            var (hasUserMoney, hasWorkspaceMoney) = (QuotaRule.HasUserBudget(check), QuotaRule.HasWorkspaceBudget(check));
            var (userDay, userMonth) = hasUserMoney ? userSpent[(reservation.UserKey, reservation.MonthStart, reservation.DayStart)] : default;
            var (workspaceDay, workspaceMonth) = hasWorkspaceMoney ? workspaceSpent[(reservation.WorkspaceKey, reservation.MonthStart, reservation.DayStart)] : default;
            var workspace = QuotaRule.HasWorkspaceCap(check) ? workspaceCounts[(reservation.WorkspaceKey, Ticks(check.WorkspaceSince))] : default;
            var counted = new CountedUsage(
                userCounts[(reservation.UserKey, Ticks(check.Since))],
                workspace.Videos,
                workspace.Seconds,
                hasUserMoney || hasWorkspaceMoney ? new MoneySpent(userDay, userMonth, workspaceDay, workspaceMonth) : null);
            foreach (var (before, stored) in inserted)
            {
                counted = QuotaRule.With(counted, stored, before.UserKey == reservation.UserKey, before.WorkspaceKey == reservation.WorkspaceKey);
            }

            var job = reservation.Job with { Charge = QuotaRule.ChargeFor(check), Version = 1 };
            var refusal = QuotaRule.Decide(check, counted, job.Seconds, job.Money);
            if (refusal is null)
            {
                inserted.Add((reservation, job));
            }

            results.Add(new JobCreation(refusal is null ? job : null, refusal, counted.User, counted.Money));
        }

        if (inserted.Count > 0)
        {
            await using var insert = new NpgsqlBatch(connection, transaction);
            foreach (var (_, job) in inserted)
            {
                var command = new NpgsqlBatchCommand($"INSERT INTO jobs (id, version, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT (id) DO NOTHING");
                AddRow(command.Parameters, job);
                insert.BatchCommands.Add(command);
            }

            await insert.ExecuteNonQueryAsync(CancellationToken.None);
            if (insert.BatchCommands.Any<NpgsqlBatchCommand>(c => c.RecordsAffected == 0))
            {
                return null;
            }
        }

        await transaction.CommitAsync(CancellationToken.None);
        return results;
    }

    /// <summary>
    /// The advisory locks a batch takes, in one global order (workspaces by key, then users by key) so two replicas'
    /// batches never wait for each other in a circle. A workspace counted against its caps or budgets is taken alone
    /// (exclusive), any other shared; a user is locked when their limits or budget are checked and their workspace is
    /// not already held alone.
    /// </summary>
    private static List<(string Sql, int Space, int Key)> Locks(IReadOnlyList<Reservation> batch)
    {
        var whole = batch.Where(r => r.WholeWorkspace).Select(r => r.WorkspaceLock).ToHashSet();
        var locks = batch.Select(r => r.WorkspaceLock).Distinct().Order()
            .Select(key => (whole.Contains(key) ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared", RowKeys.QuotaLockSpace, key))
            .ToList();
        locks.AddRange(batch.Where(r => !whole.Contains(r.WorkspaceLock) && (r.Check.User is not null || QuotaRule.HasUserBudget(r.Check)))
            .Select(r => r.UserLock).Distinct().Order()
            .Select(key => ("pg_advisory_xact_lock", RowKeys.UserQuotaLockSpace, key)));
        return locks;
    }

    public async Task<BotJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var jobs = await ReadAsync(Sql("SELECT id, body FROM jobs WHERE id = $1", id), cancellationToken);
        return jobs.Count == 0 ? null : jobs[0];
    }

    public async Task<BotJob?> TryUpdateAsync(BotJob job, UsageEntry? usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var saved = await TryUpdateAsync(connection, transaction, job, usage, cancellationToken);
        if (saved is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return saved;
    }

    /// <summary>
    /// Counts the jobs holding an API slot and updates this one in one transaction under one advisory lock
    /// (<see cref="RowKeys.ApiSlotsLockSpace"/>), so two replicas never fill the last slot twice.
    /// </summary>
    public async Task<BotJob?> TryUpdateIntoSlotAsync(BotJob job, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({RowKeys.ApiSlotsLockSpace}, 0)"));
            var count = new NpgsqlBatchCommand("SELECT count(*) FROM jobs WHERE running_user IS NOT NULL AND state = ANY($1) AND id <> $2");
            count.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. ApiSlots.HoldingStates.Select(s => (short)s)] });
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.Id });
            batch.BatchCommands.Add(count);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (!ApiSlots.Allows(checked((int)reader.GetInt64(0)), limit))
            {
                return null;
            }
        }

        var saved = await TryUpdateAsync(connection, transaction, job, null, cancellationToken);
        if (saved is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return saved;
    }

    /// <summary>The version-checked update (and its usage line) inside the caller's transaction; the caller commits.</summary>
    internal static async Task<BotJob?> TryUpdateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, BotJob job, UsageEntry? usage, CancellationToken cancellationToken)
    {
        var saved = job with { Version = job.Version + 1 };
        await using (var update = new NpgsqlCommand(
            $"UPDATE jobs SET version = $2, ({Columns}) = ($3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) WHERE id = $1 AND version = $17",
            connection,
            transaction))
        {
            AddRow(update.Parameters, saved);
            update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = job.Version });
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        if (usage is not null)
        {
            await using var ledger = new NpgsqlCommand(UpsertUsage, connection, transaction);
            AddUsage(ledger.Parameters, usage);
            await ledger.ExecuteNonQueryAsync(cancellationToken);
        }

        return saved;
    }

    public Task<IReadOnlyList<BotJob>> ListActiveAsync(CancellationToken cancellationToken) =>
        ReadAsync(Sql("SELECT id, body FROM jobs WHERE running_user IS NOT NULL ORDER BY created_ticks, id"), cancellationToken);

    public Task<IReadOnlyList<BotJob>> ListUndeliveredAsync(CancellationToken cancellationToken) =>
        ReadAsync(Sql("SELECT id, body FROM jobs WHERE undelivered ORDER BY created_ticks, id"), cancellationToken);

    public Task<IReadOnlyList<BotJob>> ListRecentAsync(string platform, string workspaceId, string userId, DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        ReadAsync(Sql("SELECT id, body FROM jobs WHERE user_key = $1 AND created_ticks >= $2 ORDER BY created_ticks DESC, id DESC LIMIT $3", RowKeys.User(platform, workspaceId, userId), Ticks(since), Math.Max(0, limit)), cancellationToken);

    public async Task<QuotaUsage> GetUsageAsync(string platform, string workspaceId, string userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var userKey = RowKeys.User(platform, workspaceId, userId);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Sql(UserDay, userKey, Ticks(since)));
        batch.BatchCommands.Add(Sql(RunningOfUser, userKey));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadUserUsageAsync(reader, cancellationToken);
    }

    /// <summary>Counts a user's day and running jobs from the two result sets of <c>UserDay</c> then <c>RunningOfUser</c>, with QuotaRule's predicates.</summary>
    private static async Task<QuotaUsage> ReadUserUsageAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        int videos = 0, seconds = 0, running = 0;
        await foreach (var (charge, _, count, sum) in GroupsAsync(reader, cancellationToken))
        {
            if (QuotaRule.CountsForUser(charge))
            {
                videos += count;
                seconds += sum;
            }
        }

        await reader.NextResultAsync(cancellationToken);
        await foreach (var (_, state, count, _) in GroupsAsync(reader, cancellationToken))
        {
            if (QuotaRule.IsRunning(state))
            {
                running += count;
            }
        }

        return new QuotaUsage(videos, seconds, running);
    }

    public async Task<MoneySpent> GetSpendAsync(string platform, string workspaceId, string userId, DateTimeOffset dayStart, DateTimeOffset monthStart, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Sql(UserMoney, RowKeys.User(platform, workspaceId, userId), Ticks(monthStart), Ticks(dayStart)));
        batch.BatchCommands.Add(Sql(WorkspaceMoney, RowKeys.Workspace(platform, workspaceId), Ticks(monthStart), Ticks(dayStart)));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var (userDay, userMonth) = await MoneyAsync(reader, workspace: false, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var (workspaceDay, workspaceMonth) = await MoneyAsync(reader, workspace: true, cancellationToken);
        return new MoneySpent(userDay, userMonth, workspaceDay, workspaceMonth);
    }

    /// <summary>Sums a <c>UserMoney</c> or <c>WorkspaceMoney</c> result with QuotaRule's money predicates: (day, month).</summary>
    private static async Task<(decimal Day, decimal Month)> MoneyAsync(NpgsqlDataReader reader, bool workspace, CancellationToken cancellationToken)
    {
        decimal day = 0, month = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var (charge, state) = ((ChargeState)reader.GetInt16(0), (JobState)reader.GetInt16(1));
            if (workspace ? QuotaRule.CountsMoneyForWorkspace(charge, state) : QuotaRule.CountsMoneyForUser(charge))
            {
                day += reader.GetDecimal(2);
                month += reader.GetDecimal(3);
            }
        }

        return (day, month);
    }

    public async Task<IReadOnlyList<UserUsage>> TopUsersAsync(string platform, string workspaceId, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Sql(
            """
            SELECT user_id, (array_agg(user_name ORDER BY at_ticks DESC))[1], count(*)::integer, sum(seconds) AS total
            FROM usage_ledger WHERE workspace_key = $1 AND at_ticks >= $2
            GROUP BY user_id ORDER BY total DESC, user_id LIMIT $3
            """,
            RowKeys.Workspace(platform, workspaceId),
            Ticks(since),
            Math.Max(0, limit)));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var top = new List<UserUsage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            top.Add(new UserUsage(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2), checked((int)reader.GetInt64(3))));
        }

        return top;
    }

    /// <summary>Ticks for a range's lower bound, clamped as LiteDB's store does (a since before year 1 counts everything).</summary>
    private static long Ticks(DateTimeOffset at) => Math.Max(0, at.UtcTicks);

    private static NpgsqlBatchCommand Sql(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private async Task<IReadOnlyList<BotJob>> ReadAsync(NpgsqlBatchCommand query, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(query);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var jobs = new List<BotJob>();
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(_jobs.Read(reader.GetString(0), reader.GetString(1)));
        }

        return jobs;
    }

    private static async IAsyncEnumerable<(ChargeState Charge, JobState State, int Count, int Seconds)> GroupsAsync(
        NpgsqlDataReader reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ((ChargeState)reader.GetInt16(0), (JobState)reader.GetInt16(1), checked((int)reader.GetInt64(2)), checked((int)reader.GetInt64(3)));
        }
    }

    /// <summary>$1 id, $2 version, then <see cref="Columns"/> as $3..$16.</summary>
    internal static void AddRow(NpgsqlParameterCollection parameters, BotJob job)
    {
        var (platform, workspaceId) = (job.Origin.Platform, job.Origin.WorkspaceId);
        var userKey = RowKeys.User(platform, workspaceId, job.UserId);
        parameters.Add(new NpgsqlParameter<string> { TypedValue = job.Id });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = job.Version });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = platform });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = workspaceId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = job.UserId });
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = userKey });
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = RowKeys.Workspace(platform, workspaceId) });
        parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)job.State });
        parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)job.Charge });
        parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)job.Delivery });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = job.CreatedAt.UtcTicks });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = job.Seconds });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = QuotaRule.IsRunning(job.State) ? userKey : DBNull.Value });
        parameters.Add(new NpgsqlParameter<bool> { TypedValue = job.IsFinished && job.Delivery is DeliveryState.Pending or DeliveryState.Delivering });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = RecordJson.Write(job) });
        parameters.Add(new NpgsqlParameter<decimal> { TypedValue = job.Money });
    }

    internal static void AddUsage(NpgsqlParameterCollection parameters, UsageEntry usage)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = usage.JobId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = usage.Platform });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = usage.WorkspaceId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = usage.UserId });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = usage.UserName is null ? DBNull.Value : PlainText(usage.UserName) });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = usage.Seconds });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = PlainText(usage.PromptExcerpt) });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = usage.At.UtcTicks });
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = RowKeys.Workspace(usage.Platform, usage.WorkspaceId) });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = usage.Cost is { } cost ? cost : DBNull.Value });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = usage.Currency is { } currency ? PlainText(currency) : DBNull.Value });
    }

    /// <summary>PostgreSQL text holds no NUL character; a name or prompt excerpt that has one keeps the rest.</summary>
    private static string PlainText(string text) => text.Replace('\0', '\uFFFD');
}
