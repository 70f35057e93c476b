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

    public async Task<JobCreation> TryCreateAsync(BotJob job, QuotaCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(check);
        var (platform, workspaceId) = (job.Origin.Platform, job.Origin.WorkspaceId);
        var userKey = RowKeys.User(platform, workspaceId, job.UserId);
        var countWorkspace = QuotaRule.HasWorkspaceCap(check);
        var (userBudget, workspaceBudget) = (QuotaRule.HasUserBudget(check), QuotaRule.HasWorkspaceBudget(check));

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // One round trip: the locks (always workspace before user; the counts wait behind them), then the user's day,
        // their running jobs, the workspace's day.
        await using var batch = new NpgsqlBatch(connection, transaction);
        var wholeWorkspace = countWorkspace || workspaceBudget;
        var workspaceLock = wholeWorkspace ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared";
        batch.BatchCommands.Add(Sql($"SELECT {workspaceLock}({RowKeys.QuotaLockSpace}, $1)", RowKeys.WorkspaceLock(platform, workspaceId)));
        if (!wholeWorkspace && (check.User is not null || userBudget))
        {
            batch.BatchCommands.Add(Sql($"SELECT pg_advisory_xact_lock({RowKeys.UserQuotaLockSpace}, $1)", RowKeys.UserLock(platform, workspaceId, job.UserId)));
        }

        var locks = batch.BatchCommands.Count;

        batch.BatchCommands.Add(Sql(UserDay, userKey, Ticks(check.Since)));
        batch.BatchCommands.Add(Sql(RunningOfUser, userKey));
        if (countWorkspace)
        {
            batch.BatchCommands.Add(Sql(WorkspaceDay, RowKeys.Workspace(platform, workspaceId), Ticks(check.WorkspaceSince)));
        }

        if (userBudget)
        {
            batch.BatchCommands.Add(Sql(UserMoney, userKey, Ticks(check.Budget!.MonthStart), Ticks(check.Budget.DayStart)));
        }

        if (workspaceBudget)
        {
            batch.BatchCommands.Add(Sql(WorkspaceMoney, RowKeys.Workspace(platform, workspaceId), Ticks(check.Budget!.MonthStart), Ticks(check.Budget.DayStart)));
        }

        QuotaUsage usage;
        MoneySpent? money;
        int workspaceVideos = 0, workspaceSeconds = 0;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            for (var i = 0; i < locks; i++)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            usage = await ReadUserUsageAsync(reader, cancellationToken);
            if (countWorkspace)
            {
                await reader.NextResultAsync(cancellationToken);
                await foreach (var (charge, state, count, sum) in GroupsAsync(reader, cancellationToken))
                {
                    if (QuotaRule.CountsForWorkspace(charge, state))
                    {
                        workspaceVideos += count;
                        workspaceSeconds += sum;
                    }
                }
            }

            decimal userDay = 0, userMonth = 0, workspaceDay = 0, workspaceMonth = 0;
            if (userBudget)
            {
                await reader.NextResultAsync(cancellationToken);
                (userDay, userMonth) = await MoneyAsync(reader, workspace: false, cancellationToken);
            }

            if (workspaceBudget)
            {
                await reader.NextResultAsync(cancellationToken);
                (workspaceDay, workspaceMonth) = await MoneyAsync(reader, workspace: true, cancellationToken);
            }

            money = userBudget || workspaceBudget ? new MoneySpent(userDay, userMonth, workspaceDay, workspaceMonth) : null;
        }

        var stored = job with { Charge = QuotaRule.ChargeFor(check), Version = 1 };
        var refusal = QuotaRule.Decide(check, new CountedUsage(usage, workspaceVideos, workspaceSeconds, money), job.Seconds, stored.Money);
        if (refusal is not null)
        {
            return new JobCreation(null, refusal, usage, money);
        }

        await using var insert = new NpgsqlCommand($"INSERT INTO jobs (id, version, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT (id) DO NOTHING", connection, transaction);
        AddRow(insert.Parameters, stored);
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new InvalidOperationException($"A job with id {stored.Id} already exists.");
        }

        await transaction.CommitAsync(cancellationToken);
        return new JobCreation(stored, null, usage, money);
    }

    public async Task<BotJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var jobs = await ReadAsync(Sql("SELECT body FROM jobs WHERE id = $1", id), cancellationToken);
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
        ReadAsync(Sql("SELECT body FROM jobs WHERE running_user IS NOT NULL ORDER BY created_ticks, id"), cancellationToken);

    public Task<IReadOnlyList<BotJob>> ListUndeliveredAsync(CancellationToken cancellationToken) =>
        ReadAsync(Sql("SELECT body FROM jobs WHERE undelivered ORDER BY created_ticks, id"), cancellationToken);

    public Task<IReadOnlyList<BotJob>> ListRecentAsync(string platform, string workspaceId, string userId, int limit, CancellationToken cancellationToken) =>
        ReadAsync(Sql("SELECT body FROM jobs WHERE user_key = $1 ORDER BY created_ticks DESC, id DESC LIMIT $2", RowKeys.User(platform, workspaceId, userId), Math.Max(0, limit)), cancellationToken);

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
            jobs.Add(RecordJson.Read<BotJob>(reader.GetString(0)));
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
