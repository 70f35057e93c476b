using System.Collections.Concurrent;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Delivery;
using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Testing.Fakes;

/// <summary>Records what Core shows and delivers; can be told to fail the next deliveries.</summary>
public sealed class FakeChatPlatform(string name = "test") : IChatPlatform
{
    private int _failuresLeft;

    public string Name => name;

    public ConcurrentQueue<(string JobId, ChatMessage Message)> Statuses { get; } = new();

    public ConcurrentQueue<(string JobId, ChatMessage Message, bool IsRetry)> Deliveries { get; } = new();

    public void FailNextDeliveries(int count) => _failuresLeft = count;

    public Task<string?> ShowStatusAsync(BotJob job, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        Statuses.Enqueue((job.Id, message));
        return Task.FromResult<string?>(job.StatusMessageId ?? "msg-" + job.Id);
    }

    /// <summary>The final status Core handed over with each delivery.</summary>
    public ConcurrentQueue<(string JobId, ChatMessage FinalStatus)> FinalStatuses { get; } = new();

    public Task<string?> DeliverAsync(BotJob job, JobDelivery delivery, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(delivery);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new HttpRequestException("the platform is down");
        }

        Deliveries.Enqueue((job.Id, delivery.Result, isRetry));
        FinalStatuses.Enqueue((job.Id, delivery.FinalStatus));
        return Task.FromResult<string?>("result-" + job.Id);
    }
}
