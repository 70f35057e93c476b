using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Jobs;

/// <summary>
/// The one place that moves a job between states, and its quota charge with it: reserved while queued or running,
/// committed (with a usage-ledger entry) on success, released on failure or timeout. Every change is applied to the
/// freshest stored copy and saved with optimistic concurrency; a change that no longer applies returns null.
/// </summary>
/// <remarks>
/// The money reserved with a job (its estimate) is settled the same way: to the bill on success (<see cref="Costs.JobCosts"/>,
/// also written to the ledger line), to nothing on failure.
/// </remarks>
public sealed class JobTransitions(IJobStore store, TimeProvider time, Costs.JobCosts? costs = null)
{
    private const int MaxConflicts = 8;
    private const int PromptExcerptLength = 120;

    public TimeProvider Time => time;

    /// <summary>
    /// Into a slot at the API, if one of <paramref name="apiSlots"/> is free across every replica (a job resumed while
    /// Submitting holds its slot already). Null when it no longer applies or every slot is taken: it stays queued.
    /// </summary>
    public async Task<BotJob?> SubmittingAsync(BotJob job, int apiSlots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var current = job;
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            if (current.State == JobState.Submitting)
            {
                return await ApplyAsync(current, j => j.State == JobState.Submitting ? j with { NextSubmitAt = null } : null, cancellationToken);
            }

            if (current.State != JobState.Queued)
            {
                return null;
            }

            var saved = await store.TryUpdateIntoSlotAsync(current with { State = JobState.Submitting, NextSubmitAt = null }, apiSlots, cancellationToken);
            if (saved is not null)
            {
                return saved;
            }

            var fresh = await store.GetAsync(job.Id, cancellationToken);
            if (fresh is null || fresh.Version == current.Version)
            {
                // Unchanged, so it was refused for the cap: every slot is taken.
                return null;
            }

            current = fresh;
        }

        throw new InvalidOperationException($"Job {job.Id} kept changing under concurrent updates.");
    }

    public Task<BotJob?> SubmittedAsync(BotJob job, SubmittedVideo submitted, DateTimeOffset firstPoll, CancellationToken cancellationToken) =>
        ApplyAsync(job, j => j.State is JobState.Queued or JobState.Submitting
            ? j with { State = JobState.Running, ProviderJobId = submitted.ProviderJobId, SubmittedAt = time.GetUtcNow(), NextPollAt = firstPoll }
            : null, cancellationToken);

    /// <summary>The API could not take it now (outage, rate limit): back in the queue until <paramref name="retryAt"/>.</summary>
    public Task<BotJob?> SubmitDeferredAsync(BotJob job, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        ApplyAsync(job, j => j.State is JobState.Queued or JobState.Submitting
            ? j with { State = JobState.Queued, SubmitAttempts = j.SubmitAttempts + 1, NextSubmitAt = retryAt }
            : null, cancellationToken);

    public Task<BotJob?> PolledAsync(BotJob job, int? progress, DateTimeOffset nextPoll, CancellationToken cancellationToken) =>
        ApplyAsync(job, j => j.State == JobState.Running
            ? j with { Progress = progress ?? j.Progress, Polls = j.Polls + 1, NextPollAt = nextPoll }
            : null, cancellationToken);

    /// <summary>A webhook said the job changed: poll it now.</summary>
    public Task<BotJob?> PollNowAsync(BotJob job, CancellationToken cancellationToken) =>
        ApplyAsync(job, j => j.State == JobState.Running ? j with { NextPollAt = time.GetUtcNow() } : null, cancellationToken);

    /// <summary>
    /// The video is ready: the charge is committed and settled to the bill (from <paramref name="completionTokens"/> when
    /// the provider bills tokens), noting whether the provider kept its last frame (it can then be continued).
    /// </summary>
    public Task<BotJob?> SucceededAsync(BotJob job, Uri videoUrl, long? completionTokens, bool hasLastFrame, CancellationToken cancellationToken) =>
        ApplyAsync(
            job,
            j => j.IsActive
                ? j with
                {
                    State = JobState.Succeeded,
                    Cost = costs?.Actual(j, succeeded: true, completionTokens) ?? j.EstimatedCost,
                    Currency = j.Currency ?? costs?.Currency,
                    Charge = j.Charge == ChargeState.Reserved ? ChargeState.Committed : j.Charge,
                    Delivery = DeliveryState.Pending,
                    VideoUrl = videoUrl,
                    HasLastFrame = hasLastFrame,
                    Progress = 100,
                    FinishedAt = time.GetUtcNow(),
                    NextPollAt = null,
                    NextDeliveryAt = null,
                }
                : null,
            cancellationToken,
            j => new UsageEntry(j.Id, j.Origin.Platform, j.Origin.WorkspaceId, j.UserId, j.UserName, j.Seconds, Excerpt(j.Request), time.GetUtcNow(), j.Cost, j.Cost is null ? null : j.Currency));

    /// <summary>Submission or generation failed, or the job timed out: the reservation is released.</summary>
    public Task<BotJob?> FailedAsync(BotJob job, string reason, CancellationToken cancellationToken) =>
        ApplyAsync(job, j => j.IsActive
            ? j with
            {
                State = JobState.Failed,
                Cost = 0m,
                Charge = j.Charge == ChargeState.Reserved ? ChargeState.Released : j.Charge,
                Delivery = DeliveryState.Pending,
                Failure = reason,
                FinishedAt = time.GetUtcNow(),
                NextPollAt = null,
                NextSubmitAt = null,
                NextDeliveryAt = null,
            }
            : null, cancellationToken);

    public Task<BotJob?> StatusShownAsync(BotJob job, string? messageId, string text, string? replyContext, CancellationToken cancellationToken) =>
        ApplyAsync(job, j => j with
        {
            StatusMessageId = messageId ?? j.StatusMessageId,
            StatusShown = text,
            StatusUpdatedAt = time.GetUtcNow(),
            ReplyContext = replyContext ?? j.ReplyContext,
        }, cancellationToken);

    /// <summary>Recorded before the final message is sent, so a crash mid-send is known on restart.</summary>
    public Task<BotJob?> DeliveringAsync(BotJob job, CancellationToken cancellationToken) =>
        ApplyAsync(job, j => j.IsFinished && j.Delivery is DeliveryState.Pending or DeliveryState.Delivering
            ? j with { Delivery = DeliveryState.Delivering, DeliveryAttempts = j.DeliveryAttempts + 1 }
            : null, cancellationToken);

    public Task<BotJob?> DeliveredAsync(BotJob job, string? resultHandle, CancellationToken cancellationToken) =>
        ApplyAsync(job, j => j.Delivery == DeliveryState.Delivering
            ? j with { Delivery = DeliveryState.Delivered, DeliveredAt = time.GetUtcNow(), NextDeliveryAt = null, ResultHandle = resultHandle ?? j.ResultHandle }
            : null, cancellationToken);

    public Task<BotJob?> DeliveryFailedAsync(BotJob job, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        ApplyAsync(job, j => j.Delivery == DeliveryState.Delivering
            ? j with { Delivery = retryAt is null ? DeliveryState.Abandoned : DeliveryState.Pending, NextDeliveryAt = retryAt }
            : null, cancellationToken);

    private async Task<BotJob?> ApplyAsync(BotJob job, Func<BotJob, BotJob?> change, CancellationToken cancellationToken, Func<BotJob, UsageEntry>? usage = null)
    {
        var current = job;
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var next = change(current);
            if (next is null)
            {
                return null;
            }

            var saved = await store.TryUpdateAsync(next, usage?.Invoke(next), cancellationToken);
            if (saved is not null)
            {
                return saved;
            }

            current = await store.GetAsync(job.Id, cancellationToken);
            if (current is null)
            {
                return null;
            }
        }

        throw new InvalidOperationException($"Job {job.Id} kept changing under concurrent updates.");
    }

    private static string Excerpt(VideoRequest request)
    {
        var text = request.IsStoryboard ? string.Join(" | ", request.Scenes!.Select(s => s.Prompt)) : request.Prompt ?? string.Empty;
        return text.Length <= PromptExcerptLength ? text : text[..PromptExcerptLength] + "…";
    }
}
