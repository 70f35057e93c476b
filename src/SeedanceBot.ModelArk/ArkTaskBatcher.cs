using Microsoft.Extensions.Logging;
using SeedanceBot.ModelArk.Contracts;
using SeedanceBot.ModelArk.Http;

namespace SeedanceBot.ModelArk;

/// <summary>
/// Turns Core's one-job-at-a-time polls into batched list calls (<c>filter.task_ids</c> repeated): polls that arrive
/// together, or while a list call is in flight, share the next call. The answer is the task's list item (its status and
/// result, no settings), or null when the list does not return it: the caller then asks for it directly (so a lost task
/// still ends as "not found").
/// </summary>
internal sealed class ArkTaskBatcher(IModelArkClient client, ILogger<ArkTaskBatcher> logger)
{
    public const int MaxBatch = 100;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TaskCompletionSource<ArkListItem?>> _pending = new(StringComparer.Ordinal);
    private Task? _flushing;

    public Task<ArkListItem?> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        TaskCompletionSource<ArkListItem?>? answer;
        lock (_lock)
        {
            if (!_pending.TryGetValue(taskId, out answer))
            {
                answer = new TaskCompletionSource<ArkListItem?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending[taskId] = answer;
            }

            _flushing ??= Task.Run(FlushAsync, CancellationToken.None);
        }

        return answer.Task.WaitAsync(cancellationToken);
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            List<KeyValuePair<string, TaskCompletionSource<ArkListItem?>>> batch;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _flushing = null;
                    return;
                }

                batch = [.. _pending.Take(MaxBatch)];
                foreach (var (id, _) in batch)
                {
                    _pending.Remove(id);
                }
            }

            try
            {
                var tasks = await client.ListAsync([.. batch.Select(b => b.Key)], batch.Count, CancellationToken.None);
                Log.BatchPoll(logger, batch.Count);
                foreach (var (id, answer) in batch)
                {
                    answer.TrySetResult(tasks.FirstOrDefault(t => t.Id == id));
                }
            }
            catch (Exception ex)
            {
                foreach (var (_, answer) in batch)
                {
                    answer.TrySetException(ex);
                }
            }
        }
    }
}
