using System.Collections.Concurrent;

namespace SeedanceBot.Discord.Adapter;

/// <summary>
/// Orders the first answer before the job's status edits: a job can be picked up by the engine while its interaction is
/// still being acknowledged, and Discord rejects an edit of a response that does not exist yet. The handler expects an
/// interaction before calling Core and marks it acknowledged after answering; the platform waits for that (briefly).
/// Also remembers which responses were deferred publicly for their job's status (Core made the job in time): nobody
/// claims those privately, so the status fills them without a claim in the store (<see cref="OriginalResponses"/>),
/// one durable write less per command. A restart forgets them; the store's claim decides then, as for any other.
/// </summary>
internal sealed class InteractionAcks(TimeProvider time)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    /// <summary>An interaction's token lasts 15 minutes: a response not filled by then cannot be edited anyway.</summary>
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    private const int PruneEvery = 256;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _forStatus = new(StringComparer.Ordinal);
    private int _deferred;

    /// <summary>The response was deferred publicly, for the status of the job Core made in time.</summary>
    public void DeferredForStatus(string interactionId)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _deferred) % PruneEvery == 0)
        {
            foreach (var (id, at) in _forStatus)
            {
                if (now - at > TokenLifetime)
                {
                    _forStatus.TryRemove(id, out _);
                }
            }
        }

        _forStatus[interactionId] = now;
    }

    /// <summary>True (once) when this process deferred the response for its job's status: the status owns it.</summary>
    public bool TakeDeferredForStatus(string interactionId) => _forStatus.TryRemove(interactionId, out _);

    public void Expect(string interactionId) =>
        _pending.TryAdd(interactionId, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Acknowledged(string interactionId)
    {
        if (_pending.TryRemove(interactionId, out var done))
        {
            done.TrySetResult();
        }
    }

    /// <summary>Returns at once for an interaction not (or no longer) being answered, e.g. after a restart.</summary>
    public async Task WaitAsync(string interactionId, CancellationToken cancellationToken)
    {
        if (_pending.TryGetValue(interactionId, out var pending))
        {
            try
            {
                await pending.Task.WaitAsync(MaxWait, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Go on: at worst the edit fails and the delivery falls back to the channel.
            }
        }
    }
}
