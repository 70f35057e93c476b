using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Video;

namespace SeedanceBot.ModelArk.Http;

/// <summary>
/// The account's requests-per-minute budget, kept by the client because Ark sends no rate-limit headers: every call
/// (create, poll, delete) takes a slot in a sliding minute and waits for one when the minute is full. Shared by all
/// callers of the process; also tells Core when calls resume, so a waiting job can say why. With a shared
/// <see cref="IRequestBudget"/> (several replicas) a call also takes one from the account's minute (fixed minutes of
/// the clock) across every replica, and waits for the next minute when the others spent it.
/// </summary>
internal sealed class ArkRequestGate(IOptions<ModelArkOptions> options, TimeProvider time, IRequestBudget? budget = null, ILogger<ArkRequestGate>? logger = null) : IProviderThrottle
{
    /// <summary>The bucket of the shared budget.</summary>
    internal const string Bucket = "modelark";

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> _calls = new();
    private readonly Lock _lock = new();
    private DateTimeOffset? _heldUntil;

    public DateTimeOffset? ResumesAt
    {
        get
        {
            lock (_lock)
            {
                var now = time.GetUtcNow();
                DateTimeOffset? full = Prune(now) >= options.Value.RequestsPerMinute ? _calls.Peek() + Minute : null;
                DateTimeOffset? held = _heldUntil > now ? _heldUntil : null;
                return full is null ? held : held is null || full > held ? full : held;
            }
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                if (_heldUntil > now)
                {
                    wait = _heldUntil.Value - now;
                }
                else if (Prune(now) < options.Value.RequestsPerMinute)
                {
                    _calls.Enqueue(now);
                    break;
                }
                else
                {
                    wait = _calls.Peek() + Minute - now;
                }
            }

            await Task.Delay(wait, time, cancellationToken);
        }

        if (budget is not { IsShared: true } shared)
        {
            return;
        }

        while (true)
        {
            var now = time.GetUtcNow();
            var minuteEnd = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % Minute.Ticks), TimeSpan.Zero) + Minute;
            try
            {
                if (await shared.TryTakeAsync(Bucket, minuteEnd, options.Value.RequestsPerMinute, cancellationToken))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The store is unreachable: wait for the next minute rather than send a call the others did not see.
                Log.SharedBudgetUnavailable(logger ?? NullLogger<ArkRequestGate>.Instance, ex);
            }

            await Task.Delay(minuteEnd - now, time, cancellationToken);
        }
    }

    /// <summary>After a 429: every caller waits <paramref name="retryAfter"/>.</summary>
    public void Hold(TimeSpan retryAfter)
    {
        lock (_lock)
        {
            var until = time.GetUtcNow() + retryAfter;
            if (_heldUntil is null || until > _heldUntil)
            {
                _heldUntil = until;
            }
        }
    }

    private int Prune(DateTimeOffset now)
    {
        while (_calls.TryPeek(out var oldest) && now - oldest >= Minute)
        {
            _calls.Dequeue();
        }

        return _calls.Count;
    }
}
