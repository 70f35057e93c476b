using Npgsql;
using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Storage.Postgres;

/// <summary>
/// Group commit for reservations: callers queue in their workspace's lane, and each lane's one flusher takes everything
/// waiting there (up to <see cref="MaxBatch"/>) into one transaction (<see cref="PostgresJobStore.ReserveAllAsync"/>),
/// decided in arrival order, and answers them all after its one durable commit. The commit's wait for the disk is what
/// bounds a reservation; a batch shares it instead of paying it each. Nobody is answered before their row is committed.
/// Lanes keep workspaces apart: a batch waiting for a workspace lock another replica holds delays only its lane. A
/// batch that meets an id already stored runs again one reservation per transaction, so only that one fails.
/// </summary>
internal sealed class PostgresReservations(NpgsqlDataSource dataSource)
{
    internal const int MaxBatch = 64;

    internal const int LaneCount = 4;

    private readonly Lane[] _lanes = [.. Enumerable.Range(0, LaneCount).Select(_ => new Lane())];

    /// <summary>The lane of a workspace (by its lock key): its reservations are batched together, never with another lane's.</summary>
    internal static int LaneOf(int workspaceLock) => (int)((uint)workspaceLock % LaneCount);

    public Task<JobCreation> ReserveAsync(Reservation reservation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var waiting = new Waiting(reservation, cancellationToken);
        var lane = _lanes[LaneOf(reservation.WorkspaceLock)];
        lock (lane.Lock)
        {
            lane.Queue.Enqueue(waiting);
            if (lane.Flushing)
            {
                return waiting.Completion.Task;
            }

            lane.Flushing = true;
        }

        _ = Task.Run(() => FlushAsync(lane), CancellationToken.None);
        return waiting.Completion.Task;
    }

    private async Task FlushAsync(Lane lane)
    {
        while (true)
        {
            var batch = new List<Waiting>();
            lock (lane.Lock)
            {
                while (batch.Count < MaxBatch && lane.Queue.TryDequeue(out var next))
                {
                    // A caller that gave up before its transaction began is not reserved.
                    if (next.CancellationToken.IsCancellationRequested)
                    {
                        next.Completion.TrySetCanceled(next.CancellationToken);
                    }
                    else
                    {
                        batch.Add(next);
                    }
                }

                if (batch.Count == 0 && lane.Queue.Count == 0)
                {
                    lane.Flushing = false;
                    return;
                }
            }

            await RunAsync(batch);
        }
    }

    private async Task RunAsync(List<Waiting> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            var results = await PostgresJobStore.ReserveAllAsync(dataSource, [.. batch.Select(w => w.Reservation)]);
            if (results is null)
            {
                if (batch.Count == 1)
                {
                    batch[0].Completion.TrySetException(new InvalidOperationException($"A job with id {batch[0].Reservation.Job.Id} already exists."));
                    return;
                }

                foreach (var one in batch)
                {
                    await RunAsync([one]);
                }

                return;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (Exception ex)
        {
            // Nothing of the batch was committed: each caller sees the store's failure, as with its own transaction.
            batch.ForEach(w => w.Completion.TrySetException(ex));
        }
    }

    private sealed class Lane
    {
        public Lock Lock { get; } = new();

        public Queue<Waiting> Queue { get; } = new();

        public bool Flushing { get; set; }
    }

    private sealed record Waiting(Reservation Reservation, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<JobCreation> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
