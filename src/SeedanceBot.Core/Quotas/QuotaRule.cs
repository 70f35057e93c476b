using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Core.Quotas;

/// <summary>
/// The quota rule, written once. Stores only count (with these predicates) and insert; they call
/// <see cref="Decide"/> inside the lock or transaction that makes counting and inserting one atomic step.
/// <list type="bullet">
/// <item>A job counts against its user's daily videos and seconds while its charge is reserved or committed; an exempt
/// admin's job never does, a released one no longer does.</item>
/// <item>A job counts against its workspace's daily caps while reserved or committed, exempt admins' jobs included
/// (while queued, running or succeeded); a released or failed job never does.</item>
/// <item>Queued, submitting and running jobs count against the user's concurrent limit.</item>
/// <item>Money (<see cref="Jobs.BotJob.Money"/>: the estimate while a job runs, its bill once finished, nothing once
/// failed) counts against the user's and the workspace's budgets under the same predicates, over the quota day and the
/// month; a job whose estimate would take a budget past its amount is refused.</item>
/// </list>
/// </summary>
public static class QuotaRule
{
    /// <summary>Whether a job counts against its user's daily videos and seconds.</summary>
    public static bool CountsForUser(ChargeState charge) => charge is ChargeState.Reserved or ChargeState.Committed;

    /// <summary>Whether a job counts against its workspace's daily caps.</summary>
    public static bool CountsForWorkspace(ChargeState charge, JobState state) =>
        charge is ChargeState.Reserved or ChargeState.Committed || (charge == ChargeState.Exempt && state != JobState.Failed);

    /// <summary>Whether a job holds one of its user's concurrent slots.</summary>
    public static bool IsRunning(JobState state) => state is JobState.Queued or JobState.Submitting or JobState.Running;

    /// <summary>Whether the store must count the workspace's jobs at all (no caps, nothing to count).</summary>
    public static bool HasWorkspaceCap(QuotaCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.WorkspaceDailyVideos is not null || check.WorkspaceDailySeconds is not null;
    }

    /// <summary>Whether a job's money counts against its user's budgets (as its videos do).</summary>
    public static bool CountsMoneyForUser(ChargeState charge) => CountsForUser(charge);

    /// <summary>Whether a job's money counts against its workspace's budgets (as towards its caps).</summary>
    public static bool CountsMoneyForWorkspace(ChargeState charge, JobState state) => CountsForWorkspace(charge, state);

    /// <summary>Whether the user has a money budget: the store must count the user's money since <see cref="BudgetCheck.MonthStart"/>.</summary>
    public static bool HasUserBudget(QuotaCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Budget is not null && check.User is { } user && (user.DailyBudget is not null || user.MonthlyBudget is not null);
    }

    /// <summary>Whether the workspace has a money budget: the store must count the workspace's money since <see cref="BudgetCheck.MonthStart"/>.</summary>
    public static bool HasWorkspaceBudget(QuotaCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Budget is { } budget && (budget.WorkspaceDaily is not null || budget.WorkspaceMonthly is not null);
    }

    /// <summary>The first money budget a new job costing <paramref name="cost"/> would take past its amount, or null.</summary>
    public static QuotaRefusal? DecideBudget(QuotaCheck check, MoneySpent? spent, decimal cost)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (cost <= 0 || check.Budget is not { } budget)
        {
            return null;
        }

        var money = spent ?? MoneySpent.None;
        if (HasUserBudget(check))
        {
            if (check.User!.DailyBudget is { } daily && money.UserDay + cost > daily)
            {
                return QuotaRefusal.DailyBudget;
            }

            if (check.User.MonthlyBudget is { } monthly && money.UserMonth + cost > monthly)
            {
                return QuotaRefusal.MonthlyBudget;
            }
        }

        if (budget.WorkspaceDaily is { } workspaceDaily && money.WorkspaceDay + cost > workspaceDaily)
        {
            return QuotaRefusal.WorkspaceDailyBudget;
        }

        return budget.WorkspaceMonthly is { } workspaceMonthly && money.WorkspaceMonth + cost > workspaceMonthly
            ? QuotaRefusal.WorkspaceMonthlyBudget
            : null;
    }

    /// <summary>The charge a new job is stored with: exempt when the check has no user limits, else reserved.</summary>
    public static ChargeState ChargeFor(QuotaCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.User is null ? ChargeState.Exempt : ChargeState.Reserved;
    }

    /// <summary>
    /// The counts after <paramref name="stored"/> (a job just inserted, with its charge) joins them, by the same
    /// predicates the stores count with: its user's part when <paramref name="sameUser"/>, its workspace's part when
    /// <paramref name="sameWorkspace"/>. For a store that decides several reservations against counts it read once.
    /// </summary>
    public static CountedUsage With(CountedUsage counted, BotJob stored, bool sameUser, bool sameWorkspace)
    {
        ArgumentNullException.ThrowIfNull(counted);
        ArgumentNullException.ThrowIfNull(stored);
        var (user, money) = (counted.User, counted.Money);
        var (forUser, forWorkspace) = (sameUser && CountsForUser(stored.Charge), sameWorkspace && CountsForWorkspace(stored.Charge, stored.State));
        if (sameUser)
        {
            user = new QuotaUsage(
                user.Videos + (forUser ? 1 : 0),
                user.Seconds + (forUser ? stored.Seconds : 0),
                user.Running + (IsRunning(stored.State) ? 1 : 0));
        }

        if (money is not null)
        {
            var (userMoney, workspaceMoney) = (
                sameUser && CountsMoneyForUser(stored.Charge) ? stored.Money : 0m,
                sameWorkspace && CountsMoneyForWorkspace(stored.Charge, stored.State) ? stored.Money : 0m);
            money = new MoneySpent(money.UserDay + userMoney, money.UserMonth + userMoney, money.WorkspaceDay + workspaceMoney, money.WorkspaceMonth + workspaceMoney);
        }

        return new CountedUsage(
            user,
            counted.WorkspaceVideos + (forWorkspace ? 1 : 0),
            counted.WorkspaceSeconds + (forWorkspace ? stored.Seconds : 0),
            money);
    }

    /// <summary>
    /// The first limit a new job of <paramref name="seconds"/> costing <paramref name="cost"/> would break (counts first,
    /// then money, <see cref="DecideBudget"/>), or null when it fits.
    /// </summary>
    public static QuotaRefusal? Decide(QuotaCheck check, CountedUsage counted, int seconds, decimal cost = 0)
    {
        ArgumentNullException.ThrowIfNull(counted);
        return DecideCounts(check, counted, seconds) ?? DecideBudget(check, counted.Money, cost);
    }

    private static QuotaRefusal? DecideCounts(QuotaCheck check, CountedUsage counted, int seconds)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(counted);
        if (check.User is { } limits)
        {
            var user = counted.User;
            if (user.Running >= limits.MaxConcurrentJobs)
            {
                return QuotaRefusal.ConcurrentJobs;
            }

            if ((long)user.Videos + 1 > limits.DailyVideos)
            {
                return QuotaRefusal.DailyVideos;
            }

            if ((long)user.Seconds + seconds > limits.DailySeconds)
            {
                return QuotaRefusal.DailySeconds;
            }
        }

        if (check.WorkspaceDailyVideos is { } videos && (long)counted.WorkspaceVideos + 1 > videos)
        {
            return QuotaRefusal.WorkspaceDailyVideos;
        }

        return check.WorkspaceDailySeconds is { } cap && (long)counted.WorkspaceSeconds + seconds > cap
            ? QuotaRefusal.WorkspaceDailySeconds
            : null;
    }
}
