using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace SeedanceBot.Testing.Time;

/// <summary>
/// Runs real asynchronous work (real sockets, real threads) on a <see cref="FakeTimeProvider"/>: whenever the work stops
/// making progress for a moment, the fake clock moves on by one step. Waits of minutes take milliseconds.
/// </summary>
public static class FakeClock
{
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(60);

    public static async Task<T> DriveAsync<T>(this FakeTimeProvider time, Task<T> work, TimeSpan step)
    {
        await DriveAsync(time, (Task)work, step);
        return await work;
    }

    public static async Task DriveAsync(this FakeTimeProvider time, Task work, TimeSpan step)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(work);
        var started = Stopwatch.StartNew();
        while (!work.IsCompleted)
        {
            if (started.Elapsed > RealTimeLimit)
            {
                throw new TimeoutException($"The work did not finish within {RealTimeLimit} of real time (fake clock at {time.GetUtcNow():O}).");
            }

            await Task.WhenAny(work, SettleAsync());
            if (!work.IsCompleted)
            {
                time.Advance(step);
            }
        }

        await work;
    }

    /// <summary>
    /// Waits a moment of real time, then until this process's thread pool has no queued work (bounded): on a busy
    /// machine, work that is ready but not yet run is progress the clock should not overtake.
    /// </summary>
    public static async Task SettleAsync()
    {
        await Task.Delay(5);
        for (var waited = 0; ThreadPool.PendingWorkItemCount > 0 && waited < 200; waited++)
        {
            await Task.Delay(1);
        }
    }

    /// <summary>A fake clock at a fixed, readable start: 2026-03-15 10:00:00 UTC.</summary>
    public static FakeTimeProvider Create() => new(new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero));
}
