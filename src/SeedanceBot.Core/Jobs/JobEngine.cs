using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Delivery;
using SeedanceBot.Core.Diagnostics;
using SeedanceBot.Core.Replicas;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Jobs;

/// <summary>
/// Moves every stored job forward, one pass at a time (<see cref="RunOnceAsync"/>): submits queued jobs fairly within
/// the account's in-flight cap, polls running jobs when due, times out stuck ones, updates status messages (throttled)
/// and delivers final messages. Calls to the provider and the platforms run as background tasks, so a wait at the rate
/// limit never stalls the pass; a job is never worked on twice at once. Several replicas may run over one shared store:
/// each step first claims its job (<see cref="IJobClaims"/>, owner <see cref="ReplicaIdentity"/>), renews the claim
/// while it lasts and releases it after, so only one replica steps a job at a time and a dead replica's jobs pass to
/// another when its claims lapse.
/// </summary>
public sealed partial class JobEngine(
    IJobStore store,
    IVideoProvider provider,
    ChatPlatforms platforms,
    JobTransitions transitions,
    PollSchedule schedule,
    IOptions<JobOptions> options,
    ILogger<JobEngine> logger,
    BotMetrics metrics,
    IJobClaims claims,
    ReplicaIdentity replica,
    Media.IMediaStore media,
    IProviderThrottle? throttle = null) : IDisposable
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, Task> _working = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Cancelled when the host stops and the steps under way have had their grace (<see cref="Abandon"/>).</summary>
    private readonly CancellationTokenSource _abandoned = new();
    private int _disposed;

    private TimeProvider Time => transitions.Time;

    /// <summary>Jobs being worked on right now (for tests and shutdown).</summary>
    public IReadOnlyCollection<Task> InFlight => [.. _working.Values];

    /// <summary>Asks the worker for another pass soon (a new job, a webhook hint, a finished call).</summary>
    public void Wake()
    {
        // Once abandoned (stopping, or disposed) there is no next pass to ask for.
        if (!_abandoned.IsCancellationRequested && _wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Waits until woken or until <paramref name="delay"/> passes on the clock.</summary>
    public async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sleep = Task.Delay(delay, Time, race.Token);
        var woken = _wake.WaitAsync(race.Token);
        await Task.WhenAny(sleep, woken);
        await race.CancelAsync();
        try
        {
            await Task.WhenAll(sleep, woken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The loser of the race was cancelled on purpose.
        }
    }

    /// <summary>The fair order of the queued jobs: users with fewer jobs in flight first, then by age. Positions start at 1.</summary>
    public static IReadOnlyList<BotJob> FairOrder(IReadOnlyList<BotJob> active)
    {
        ArgumentNullException.ThrowIfNull(active);
        var inFlight = active.Where(j => j.State is JobState.Submitting or JobState.Running)
            .GroupBy(UserKey).ToDictionary(g => g.Key, g => g.Count());
        return
        [
            .. active.Where(j => j.State == JobState.Queued)
                .GroupBy(UserKey)
                .SelectMany(g => g.OrderBy(j => j.CreatedAt).Select((job, index) => (job, round: index + inFlight.GetValueOrDefault(g.Key))))
                .OrderBy(x => x.round).ThenBy(x => x.job.CreatedAt).ThenBy(x => x.job.Id, StringComparer.Ordinal)
                .Select(x => x.job),
        ];
    }

    /// <summary>One pass over the stored jobs. Returns how long the worker may sleep before the next pass is due.</summary>
    public async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var active = await store.ListActiveAsync(cancellationToken);
        metrics.ActiveJobs(active);
        DateTimeOffset? nextDue = null;
        void Due(DateTimeOffset? at)
        {
            if (at is { } value && (nextDue is null || value < nextDue))
            {
                nextDue = value;
            }
        }

        // Submissions: Submitting jobs first (a crash left them mid-call; the idempotency key makes a resend safe).
        // The count is this pass's guess; taking the slot itself is atomic in the store, across replicas.
        var inFlightAtApi = active.Count(j => ApiSlots.Holds(j.State));
        var slots = ApiSlotLimit - inFlightAtApi;
        foreach (var job in active.Where(j => j.State == JobState.Submitting && !_working.ContainsKey(j.Id)))
        {
            Start(job, SubmitAsync);
        }

        var waiting = 0;
        foreach (var job in FairOrder(active))
        {
            if (now - job.CreatedAt > options.Value.Timeout)
            {
                Start(job, (j, ct) => FailAsync(j, "it waited too long for the video API", ct));
                continue;
            }

            if (job.NextSubmitAt is { } retryAt && retryAt > now)
            {
                Due(retryAt);
            }
            else if (slots > 0 && Start(job, SubmitAsync))
            {
                slots--;
            }
            else
            {
                var position = ++waiting;
                Start(job, (j, ct) => ShowStatusAsync(j, position, ct), onlyIfDue: true);
            }
        }

        foreach (var job in active.Where(j => j.State == JobState.Running))
        {
            if (job.SubmittedAt is { } submitted && now - submitted > options.Value.Timeout)
            {
                Start(job, (j, ct) => FailAsync(j, $"it did not finish within {JobMessages.Elapsed(submitted, submitted + options.Value.Timeout)}", ct));
            }
            else if (job.NextPollAt is not { } pollAt || pollAt <= now)
            {
                Start(job, PollAsync);
            }
            else
            {
                Due(pollAt);
            }
        }

        foreach (var job in await store.ListUndeliveredAsync(cancellationToken))
        {
            if (job.NextDeliveryAt is { } deliverAt && deliverAt > now)
            {
                Due(deliverAt);
            }
            else
            {
                Start(job, DeliverAsync);
            }
        }

        var wait = nextDue is { } due ? due - now : IdleWait;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > IdleWait ? IdleWait : wait;
    }

    private int ApiSlotLimit => ApiSlots.Limit(options.Value.MaxConcurrentJobs, provider.Capabilities.MaxConcurrentJobs);

    /// <summary>
    /// Runs one step of <paramref name="job"/> in the background, if this process is not working on it already and
    /// this replica gets its claim. The step gets the stored copy, and only if nobody changed the job since it was
    /// listed (unless <paramref name="anyVersion"/>); otherwise the next pass decides again.
    /// </summary>
    private bool Start(BotJob job, Func<BotJob, CancellationToken, Task> work, bool onlyIfDue = false, bool anyVersion = false, Func<BotJob, Task>? heldElsewhere = null)
    {
        if (onlyIfDue && !StatusDue(job))
        {
            return false;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_working.TryAdd(job.Id, started.Task))
        {
            return false;
        }

        _ = RunAsync();
        return true;

        async Task RunAsync()
        {
            var claimed = false;
            try
            {
                await Task.Yield();
                var now = Time.GetUtcNow();
                claimed = await claims.TryClaimAsync(job.Id, replica.Id, now + options.Value.ClaimLease, CancellationToken.None);
                if (!claimed)
                {
                    if (heldElsewhere is not null)
                    {
                        await heldElsewhere(job);
                    }

                    return;
                }

                var fresh = await store.GetAsync(job.Id, CancellationToken.None);
                if (fresh is null || (fresh.Version != job.Version && !anyVersion))
                {
                    return;
                }

                using var lost = CancellationTokenSource.CreateLinkedTokenSource(_abandoned.Token);
                using var done = new CancellationTokenSource();
                var renewing = RenewWhileWorkingAsync(job.Id, lost, done.Token);
                try
                {
                    await work(fresh, lost.Token);
                }
                finally
                {
                    await done.CancelAsync();
                    await renewing;
                }
            }
            catch (Exception) when (_abandoned.IsCancellationRequested)
            {
                // The host stopped under it (its store may be gone already): the job is as stored and resumes on the next start.
                Log.JobStepInterrupted(logger, job.Id);
            }
            catch (Exception ex)
            {
                Log.JobStepFailed(logger, job.Id, ex);
            }
            finally
            {
                if (claimed)
                {
                    await ReleaseAsync(job.Id);
                }

                _working.TryRemove(job.Id, out _);
                started.SetResult();
                Wake();
            }
        }
    }

    /// <summary>
    /// Renews the step's claim every third of the lease until the step is <paramref name="done"/>. When another replica
    /// holds it now (this one stalled past its lease), the step is cancelled: the other replica carries the job on.
    /// </summary>
    private async Task RenewWhileWorkingAsync(string jobId, CancellationTokenSource lost, CancellationToken done)
    {
        var lease = options.Value.ClaimLease;
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, Time, done);
                try
                {
                    if (!await claims.RenewAsync(jobId, replica.Id, Time.GetUtcNow() + lease, done))
                    {
                        Log.JobClaimLost(logger, jobId, replica.Id);
                        await lost.CancelAsync();
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store is unreachable for now: keep working and try again; the lease covers a short outage.
                    Log.JobClaimRenewalFailed(logger, jobId, ex);
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The step ended.
        }
    }

    private async Task ReleaseAsync(string jobId)
    {
        try
        {
            await claims.ReleaseAsync(jobId, replica.Id, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Unreleased, the claim simply lapses at its expiry.
            Log.JobClaimRenewalFailed(logger, jobId, ex);
        }
    }

    private async Task SubmitAsync(BotJob job, CancellationToken cancellationToken)
    {
        var submitting = await transitions.SubmittingAsync(job, ApiSlotLimit, cancellationToken);
        if (submitting is null)
        {
            return;
        }

        await ShowStatusAsync(submitting, 1, cancellationToken, force: job.StatusMessageId is null);
        submitting = await store.GetAsync(job.Id, cancellationToken) ?? submitting;
        var images = await LoadImagesAsync(submitting.Request.Images, cancellationToken);
        if (images is null)
        {
            await FailAsync(submitting, "its input images are no longer stored", cancellationToken);
            return;
        }

        var request = submitting.Request with
        {
            Images = images.Count > 0 ? images : null,
            WebhookUrl = WebhookUrl(submitting),
            EndUserId = UserKey(submitting),
            MayExistAlready = job.State == JobState.Submitting || job.SubmitAttempts > 0,
        };
        try
        {
            var submitted = await provider.SubmitAsync(request, submitting.Id, cancellationToken);
            var firstPoll = schedule.First(Time.GetUtcNow(), submitting.Seconds, webhook: request.WebhookUrl is not null);
            var running = await transitions.SubmittedAsync(submitting, submitted, firstPoll, cancellationToken);
            Log.Submitted(logger, submitting.Id, submitted.ProviderJobId);
            if (running is not null)
            {
                await ShowStatusAsync(running, null, cancellationToken, force: true);
            }
        }
        catch (VideoProviderException ex) when (ex.IsTransient)
        {
            var retryAt = Time.GetUtcNow() + SubmitBackoff(submitting.SubmitAttempts, ex.RetryAfter);
            Log.SubmitDeferred(logger, submitting.Id, ex.Kind, retryAt);
            var deferred = await transitions.SubmitDeferredAsync(submitting, retryAt, cancellationToken);
            if (deferred is not null)
            {
                await ShowStatusAsync(deferred, null, cancellationToken, force: true);
            }
        }
        catch (VideoProviderException ex)
        {
            Log.SubmitRefused(logger, submitting.Id, ex.Kind);
            await FailAsync(submitting, ProviderErrorMessages.ForUser(ex), cancellationToken);
        }
    }

    /// <summary>The request's images with their bytes read back from the media store; null when one is gone.</summary>
    private async Task<IReadOnlyList<VideoImage>?> LoadImagesAsync(IReadOnlyList<VideoImage>? images, CancellationToken cancellationToken)
    {
        if (images is not { Count: > 0 })
        {
            return [];
        }

        var loaded = new List<VideoImage>(images.Count);
        foreach (var image in images)
        {
            var stored = image.MediaKey is { } key ? await media.ReadAsync(key, cancellationToken) : null;
            if (stored is null)
            {
                return null;
            }

            loaded.Add(image with { Content = stored.Content.ToArray(), ContentType = image.ContentType ?? stored.ContentType });
        }

        return loaded;
    }

    /// <summary>
    /// Takes a job's final status that the provider pushed (a webhook) as if a poll had answered it. False when the job
    /// is being worked on right now; the caller then asks for a poll instead.
    /// </summary>
    public bool Report(BotJob job, VideoJobStatus status)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(status);
        // Held by another replica: ask that one to poll (the poll answers the same), so the news is not lost.
        return Start(job, (j, ct) => ApplyAsync(j, status, ct), anyVersion: true, heldElsewhere: async j =>
        {
            await transitions.PollNowAsync(j, CancellationToken.None);
        });
    }

    private async Task PollAsync(BotJob job, CancellationToken cancellationToken)
    {
        VideoJobStatus status;
        try
        {
            status = await provider.GetJobAsync(job.ProviderJobId!, schedule.PriorityOf(job, Time.GetUtcNow()), cancellationToken);
        }
        catch (VideoProviderException ex) when (ex.IsTransient)
        {
            var retry = Time.GetUtcNow() + schedule.Expected(0) / 2;
            await transitions.PolledAsync(job, null, retry, cancellationToken);
            return;
        }
        catch (VideoProviderException ex)
        {
            await FailAsync(job, ProviderErrorMessages.ForUser(ex), cancellationToken);
            return;
        }

        await ApplyAsync(job, status, cancellationToken);
    }

    private async Task ApplyAsync(BotJob job, VideoJobStatus status, CancellationToken cancellationToken)
    {
        switch (status.State)
        {
            case VideoJobState.Succeeded when status.VideoUrl is { } url:
                var done = await transitions.SucceededAsync(job, url, status.CompletionTokens, provider.Capabilities.ReturnsLastFrame, cancellationToken);
                if (done is not null)
                {
                    Log.Succeeded(logger, job.Id, done.Polls + 1);
                    metrics.JobFinished(JobState.Succeeded, (done.FinishedAt ?? Time.GetUtcNow()) - done.CreatedAt);
                    await DeliverAsync(done, cancellationToken);
                }

                break;
            case VideoJobState.Failed:
                await FailAsync(job, ProviderErrorMessages.ForJobError(status.Error ?? new VideoJobError(null, "no reason given")), cancellationToken);
                break;
            default:
                var now = Time.GetUtcNow();
                var polled = await transitions.PolledAsync(job, status.Progress, schedule.Next(job.SubmittedAt ?? now, now, status.EstimatedRemaining), cancellationToken);
                if (polled is not null)
                {
                    await ShowStatusAsync(polled, null, cancellationToken);
                }

                break;
        }
    }

    private async Task FailAsync(BotJob job, string reason, CancellationToken cancellationToken)
    {
        var failed = await transitions.FailedAsync(job, reason, cancellationToken);
        if (failed is not null)
        {
            Log.Failed(logger, job.Id, reason);
            metrics.JobFinished(JobState.Failed, (failed.FinishedAt ?? Time.GetUtcNow()) - failed.CreatedAt);
            await DeliverAsync(failed, cancellationToken);
        }
    }

    private async Task DeliverAsync(BotJob job, CancellationToken cancellationToken)
    {
        var wasInterrupted = job.Delivery == DeliveryState.Delivering || job.DeliveryAttempts > 0;
        var delivering = await transitions.DeliveringAsync(job, cancellationToken);
        if (delivering is null)
        {
            return;
        }

        try
        {
            var handle = await platforms.For(delivering.Origin).DeliverAsync(delivering, JobMessages.Delivery(delivering, Time.GetUtcNow()), wasInterrupted, cancellationToken);
            await transitions.DeliveredAsync(delivering, handle, cancellationToken);
            Log.Delivered(logger, delivering.Id, delivering.DeliveryAttempts);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var giveUp = delivering.DeliveryAttempts >= options.Value.MaxDeliveryAttempts;
            var retryAt = giveUp ? (DateTimeOffset?)null : Time.GetUtcNow() + DeliveryBackoff(delivering.DeliveryAttempts);
            Log.DeliveryFailed(logger, delivering.Id, delivering.DeliveryAttempts, giveUp, ex);
            await transitions.DeliveryFailedAsync(delivering, retryAt, cancellationToken);
        }
    }

    private async Task ShowStatusAsync(BotJob job, int? queuePosition, CancellationToken cancellationToken, bool force = false)
    {
        if (!force && !StatusDue(job))
        {
            return;
        }

        var message = JobMessages.Status(job, Time.GetUtcNow(), queuePosition, throttle?.ResumesAt);
        if (message.Text == job.StatusShown && job.StatusMessageId is not null)
        {
            return;
        }

        try
        {
            var id = await platforms.For(job.Origin).ShowStatusAsync(job, message, cancellationToken);
            await transitions.StatusShownAsync(job, id, message.Text, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A status edit is best effort: the final message is what must arrive.
            Log.StatusUpdateFailed(logger, job.Id, ex);
        }
    }

    private bool StatusDue(BotJob job) =>
        job.StatusUpdatedAt is not { } shown || Time.GetUtcNow() - shown >= options.Value.StatusEditInterval;

    private Uri? WebhookUrl(BotJob job) =>
        options.Value.WebhookBaseUrl is { } baseUrl && provider.Capabilities.SupportsWebhooks && job.WebhookToken is { } token
            ? new Uri(baseUrl, $"hooks/video/{job.Id}/{token}")
            : null;

    /// <summary>
    /// Stops the steps still under way once the host stops and their grace is over: each is cancelled, and whatever
    /// it meets from then on (a store being disposed) is an interruption, logged as such, not a failure. Every job is
    /// as its last stored step left it and resumes on the next start.
    /// </summary>
    public void Abandon() => _abandoned.Cancel();

    /// <summary>Abandons whatever still runs (a step starting after this stops at once, logged as interrupted), then lets go.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _abandoned.Cancel();
        _wake.Dispose();
        _abandoned.Dispose();
    }

    private static TimeSpan SubmitBackoff(int attempts, TimeSpan? retryAfter) =>
        retryAfter ?? TimeSpan.FromSeconds(Math.Min(300, 10 * Math.Pow(2, Math.Min(attempts, 5))));

    private static TimeSpan DeliveryBackoff(int attempts) => TimeSpan.FromSeconds(Math.Min(600, 5 * Math.Pow(2, Math.Min(attempts, 7))));

    private static string UserKey(BotJob job) => $"{job.Origin.Platform}:{job.Origin.WorkspaceId}:{job.UserId}";
}
