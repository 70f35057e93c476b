namespace SeedanceBot.Core.Jobs;

/// <summary>
/// Told as soon as the job a command makes is admitted: the store has decided it (quota counted, request not taken
/// before), before the job is durable. A transport whose acknowledgement claims nothing yet acknowledges on it (Discord
/// defers publicly, the job's status owning the answer) without waiting for the disk; the command's reply still says
/// what finally held, and in the rare case the write then fails the transport corrects its acknowledgement. Nothing
/// that names the job (Slack's "queued as job …") is said before the job is durable. A store that decides only as it
/// commits admits with its answer (<see cref="IJobStore.TryCreateAsync(BotJob, Quotas.QuotaCheck, Chat.ReplayKey?, JobAdmission, CancellationToken)"/>).
/// </summary>
public sealed class JobAdmission
{
    private readonly TaskCompletionSource<string> _admitted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The admitted job's id, once it is admitted; never completes when the job is refused or not made.</summary>
    public Task<string> Admitted => _admitted.Task;

    /// <summary>The store decided to make job <paramref name="jobId"/> (cheap and safe on any thread, once or more).</summary>
    public void Admit(string jobId) => _admitted.TrySetResult(jobId);
}
