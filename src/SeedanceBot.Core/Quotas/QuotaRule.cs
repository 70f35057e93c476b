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

    /// <summary>The charge a new job is stored with: exempt when the check has no user limits, else reserved.</summary>
    public static ChargeState ChargeFor(QuotaCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.User is null ? ChargeState.Exempt : ChargeState.Reserved;
    }

    /// <summary>The first limit a new job of <paramref name="seconds"/> would break, or null when it fits.</summary>
    public static QuotaRefusal? Decide(QuotaCheck check, CountedUsage counted, int seconds)
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
