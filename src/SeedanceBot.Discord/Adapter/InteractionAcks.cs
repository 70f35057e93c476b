using System.Collections.Concurrent;

namespace SeedanceBot.Discord.Adapter;

/// <summary>
/// Orders the first answer before the job's status edits: a job can be picked up by the engine while its interaction is
/// still being acknowledged, and Discord rejects an edit of a response that does not exist yet. The handler expects an
/// interaction before calling Core and marks it acknowledged after answering; the platform waits for that (briefly).
/// </summary>
internal sealed class InteractionAcks(TimeProvider time)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _pending = new(StringComparer.Ordinal);

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
