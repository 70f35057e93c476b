using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Core.Jobs;

/// <summary>
/// Durable jobs. The one rule that needs the store's help: <see cref="TryCreateAsync(BotJob, QuotaCheck, Chat.ReplayKey?, CancellationToken)"/> counts usage and inserts in one
/// atomic step, so two concurrent submissions near a limit never both pass. The store only counts (with
/// <see cref="QuotaRule"/>'s predicates) and calls <see cref="QuotaRule.Decide"/>; it never decides on its own.
/// </summary>
public interface IJobStore
{
    /// <summary>Inserts <paramref name="job"/> (charge <see cref="QuotaRule.ChargeFor"/>) only if <see cref="QuotaRule.Decide"/> lets it; throws for an id already stored.</summary>
    Task<JobCreation> TryCreateAsync(BotJob job, QuotaCheck check, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="TryCreateAsync(BotJob, QuotaCheck, CancellationToken)"/>, and first records <paramref name="replayKey"/>
    /// in the store's interaction ledger in the same atomic step (the same entries <see cref="Chat.IInteractionLedger"/>
    /// keeps): a key recorded before and not expired gives <see cref="JobCreation.Replay"/>, with nothing reserved or
    /// stored. The key stays recorded when the quota refuses (the request was answered).
    /// </summary>
    Task<JobCreation> TryCreateAsync(BotJob job, QuotaCheck check, Chat.ReplayKey? replayKey, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="TryCreateAsync(BotJob, QuotaCheck, Chat.ReplayKey?, CancellationToken)"/>, telling
    /// <paramref name="admission"/> once the job is decided (before it is durable, where the store decides in memory
    /// first); by default once it is stored.
    /// </summary>
    async Task<JobCreation> TryCreateAsync(BotJob job, QuotaCheck check, Chat.ReplayKey? replayKey, JobAdmission admission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admission);
        var created = await TryCreateAsync(job, check, replayKey, cancellationToken);
        if (created.Created)
        {
            admission.Admit(created.Job!.Id);
        }

        return created;
    }

    Task<BotJob?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the job if nobody saved it since it was read (same <see cref="BotJob.Version"/>); returns it with the new
    /// version, or null when stale. A <paramref name="usage"/> entry is written in the same transaction (once per job id).
    /// </summary>
    Task<BotJob?> TryUpdateAsync(BotJob job, UsageEntry? usage, CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="job"/>, moving it into a state that holds a slot at the API (<see cref="ApiSlots.Holds"/>),
    /// as <see cref="TryUpdateAsync"/> does, but only if <see cref="ApiSlots.Allows"/> lets it, counting the other jobs
    /// holding a slot in the same atomic step (across every process sharing the store). Null when stale or when every
    /// slot is taken.
    /// </summary>
    Task<BotJob?> TryUpdateIntoSlotAsync(BotJob job, int limit, CancellationToken cancellationToken);

    /// <summary>Queued, submitting and running jobs, oldest first.</summary>
    Task<IReadOnlyList<BotJob>> ListActiveAsync(CancellationToken cancellationToken);

    /// <summary>Finished jobs whose final message is not yet delivered.</summary>
    Task<IReadOnlyList<BotJob>> ListUndeliveredAsync(CancellationToken cancellationToken);

    /// <summary>A user's latest jobs in a workspace created since <paramref name="since"/> (<see cref="RecentJobs"/>), newest first.</summary>
    Task<IReadOnlyList<BotJob>> ListRecentAsync(string platform, string workspaceId, string userId, DateTimeOffset since, int limit, CancellationToken cancellationToken);

    /// <summary>A user's usage: charged jobs created since <paramref name="since"/>, and their running jobs.</summary>
    Task<QuotaUsage> GetUsageAsync(string platform, string workspaceId, string userId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Money spent or reserved (<see cref="BotJob.Money"/>, with <see cref="QuotaRule"/>'s money predicates) by the user
    /// and by the whole workspace, since <paramref name="dayStart"/> and since <paramref name="monthStart"/>.
    /// </summary>
    Task<MoneySpent> GetSpendAsync(string platform, string workspaceId, string userId, DateTimeOffset dayStart, DateTimeOffset monthStart, CancellationToken cancellationToken);

    /// <summary>The heaviest users of a workspace since <paramref name="since"/>, by seconds in the usage ledger.</summary>
    Task<IReadOnlyList<UserUsage>> TopUsersAsync(string platform, string workspaceId, DateTimeOffset since, int limit, CancellationToken cancellationToken);
}
