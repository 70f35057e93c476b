using System.Security.Cryptography;
using System.Text;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Jobs;

/// <summary>
/// The provider's completion callbacks (<c>POST {base}/hooks/video/{job}/{token}</c>). The per-job token, sent only to
/// the provider with the submission, authenticates the call; a body the provider can read (its own job object naming
/// this job's provider id, finished) is then taken as the poll's answer, so a webhook job costs one submission and no
/// poll. Anything else (a provider whose callbacks are only a hint, a job not yet running, an unreadable or oversized
/// body) makes the bot poll that job now instead.
/// </summary>
public sealed class JobWebhooks(IJobStore store, JobTransitions transitions, JobEngine engine, IVideoProvider provider)
{
    /// <summary>Bodies beyond this are not read: the job is polled instead.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>A callback as the route receives it: false (answer 404) when no job has that id and token.</summary>
    public async Task<bool> HandleAsync(string jobId, string token, Stream body, CancellationToken cancellationToken)
    {
        if (await FindAsync(jobId, token, cancellationToken) is not { } job)
        {
            return false;
        }

        await ReceiveAsync(job, body, cancellationToken);
        return true;
    }

    /// <summary>The job the callback is for, or null (answer 404) when no job has that id and token.</summary>
    public async Task<BotJob?> FindAsync(string jobId, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(token);
        var job = await store.GetAsync(jobId, cancellationToken);
        return job?.WebhookToken is { } expected
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(token))
                ? job
                : null;
    }

    /// <summary>Takes the callback of <paramref name="job"/> (found by <see cref="FindAsync"/>) with its body.</summary>
    public async Task ReceiveAsync(BotJob job, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(body);
        if (job is { State: JobState.Running, ProviderJobId: { } providerJobId }
            && await BoundedBody.ReadAsync(body, MaxBodyBytes, cancellationToken) is { } bytes
            && provider.ReadWebhook(bytes) is { State: VideoJobState.Succeeded or VideoJobState.Failed } status
            && string.Equals(status.ProviderJobId, providerJobId, StringComparison.Ordinal)
            && engine.Report(job, status))
        {
            return;
        }

        await transitions.PollNowAsync(job, cancellationToken);
        engine.Wake();
    }
}
