using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SeedanceBot.Core.Replicas;

/// <summary>
/// Runs work on one replica at a time: holds the named lease for this replica (<see cref="ReplicaIdentity"/>), renews
/// it every third of <see cref="ReplicaOptions.LeaseDuration"/>, runs the work while it is held and cancels it when a
/// renewal fails (the lease was lost: the store was unreachable past the expiry, or another replica took it). While
/// another replica holds it, this one waits and tries again, so the work moves here after the holder's lease expires.
/// Work that ends by itself (a one-off like command registration) keeps the lease held: it ran, and runs again only
/// where the lease is taken anew.
/// </summary>
public sealed class LeasedSingleton(IReplicaLeases leases, ReplicaIdentity replica, IOptions<ReplicaOptions> options, TimeProvider time, ILogger<LeasedSingleton> logger)
{
    private TimeSpan Duration => options.Value.LeaseDuration;

    private TimeSpan RenewEvery => Duration / 3;

    /// <summary>
    /// Holds <paramref name="name"/> and runs <paramref name="work"/> while held, until <paramref name="stopping"/>.
    /// Stopping does not release the lease (a dying process could not either): call <see cref="ReleaseAsync"/> on a
    /// graceful stop so another replica takes over at once.
    /// </summary>
    /// <param name="name">The lease, the same on every replica.</param>
    /// <param name="work">What runs while the lease is held; its token is cancelled when the lease is lost.</param>
    /// <param name="stopping">The replica is stopping.</param>
    /// <param name="firstAttempt">Called once, after the first try: not acquired, or acquired and the work ended.</param>
    public async Task RunAsync(string name, Func<CancellationToken, Task> work, CancellationToken stopping, Action? firstAttempt = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (!await TryStoreAsync(name, () => leases.TryAcquireAsync(name, replica.Id, time.GetUtcNow() + Duration, stopping), stopping))
                {
                    Notify(ref firstAttempt);
                    await Task.Delay(RenewEvery, time, stopping);
                    continue;
                }

                Log.LeaseAcquired(logger, name, replica.Id);
                await HoldAsync(name, work, () => Notify(ref firstAttempt), stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            Notify(ref firstAttempt);
        }
    }

    /// <summary>Frees the lease if this replica holds it.</summary>
    public Task ReleaseAsync(string name, CancellationToken cancellationToken) => leases.ReleaseAsync(name, replica.Id, cancellationToken);

    private async Task HoldAsync(string name, Func<CancellationToken, Task> work, Action workEnded, CancellationToken stopping)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var running = RunWorkAsync(name, work, workEnded, held.Token);
        try
        {
            while (true)
            {
                await Task.Delay(RenewEvery, time, stopping);
                if (!await TryStoreAsync(name, () => leases.RenewAsync(name, replica.Id, time.GetUtcNow() + Duration, stopping), stopping))
                {
                    Log.LeaseLost(logger, name, replica.Id);
                    return;
                }
            }
        }
        finally
        {
            await held.CancelAsync();
            await running;
        }
    }

    private async Task RunWorkAsync(string name, Func<CancellationToken, Task> work, Action workEnded, CancellationToken held)
    {
        try
        {
            await work(held);
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested)
        {
            // The lease was lost, or the replica is stopping.
        }
        catch (Exception ex)
        {
            // Work that fails is the work's to report; the lease stays held so it does not bounce between replicas.
            Log.SingletonWorkFailed(logger, name, ex);
        }
        finally
        {
            workEnded();
        }
    }

    /// <summary>A store call; a failure (the store unreachable) counts as "not held" and is logged, never thrown.</summary>
    private async Task<bool> TryStoreAsync(string name, Func<Task<bool>> call, CancellationToken stopping)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            Log.LeaseStoreFailed(logger, name, ex);
            return false;
        }
    }

    private static void Notify(ref Action? callback)
    {
        var once = Interlocked.Exchange(ref callback, null);
        once?.Invoke();
    }
}
