using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SeedanceBot.Core.Jobs;

/// <summary>The loop and its lifetime; the work is <see cref="JobEngine"/>. On start it resumes whatever the store holds.</summary>
internal sealed class JobWorker(JobEngine engine, TimeProvider time, ILogger<JobWorker> logger) : BackgroundService
{
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(5);

    /// <summary>How long the steps under way at a stop may take to record their outcome.</summary>
    internal static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>How long cancelled steps get to unwind before the host disposes what they use.</summary>
    private static readonly TimeSpan AfterAbandon = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await engine.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.WorkerPassFailed(logger, ex);
                wait = AfterFailure;
            }

            try
            {
                await engine.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        // Let calls already under way record their outcome; whatever is left is stopped, and resumed on the next start.
        await Task.WhenAny(Task.WhenAll(engine.InFlight), Task.Delay(Grace, time, CancellationToken.None));
        engine.Abandon();
        await Task.WhenAny(Task.WhenAll(engine.InFlight), Task.Delay(AfterAbandon, time, CancellationToken.None));
    }
}
