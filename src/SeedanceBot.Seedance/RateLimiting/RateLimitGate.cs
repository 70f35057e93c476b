using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Seedance.RateLimiting;

/// <summary>
/// The one gate every Seedance request of the process passes. It learns the server's fixed window from the
/// <c>X-RateLimit-*</c> headers, keeps a local budget for it and does not send a request it knows would be rejected:
/// callers wait for the window to reset instead. After a 429 it holds every caller until <c>Retry-After</c>.
/// Waiting callers are served by priority (interactive before background), first come first served within one.
/// </summary>
/// <remarks>
/// Until the first response has told the gate the limit it lets one request out at a time. The budget only goes
/// down on its own: a request that fails without a response still counts as spent, and a response can only lower the
/// budget for its window, so concurrent callers can never overrun the server's count from this process.
/// With a shared <see cref="IRequestBudget"/> (several replicas), each lease names the window it spends from (so the
/// handler takes it from the shared budget too), and after each window the gate probes one request at a time again
/// until an answer names the new window.
/// </remarks>
internal sealed class RateLimitGate : IDisposable
{
    /// <summary>Budget when no answer has said how many requests are left.</summary>
    private const int Unknown = int.MaxValue;

    /// <summary>The windows' length until two answers have shown it: the API's limits are requests per minute.</summary>
    private static readonly TimeSpan AssumedWindowLength = TimeSpan.FromMinutes(1);

    private static readonly int PriorityCount = Enum.GetValues<CallPriority>().Length;

    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter>[] _queues;
    private readonly TimeProvider _time;
    private readonly TimeSpan _resetGrace;
    private readonly ILogger<RateLimitGate> _logger;
    private readonly ITimer _timer;
    private readonly bool _probeEachWindow;

    private int? _limit;
    private int _budget = Unknown;
    private DateTimeOffset? _windowEnd;

    /// <summary>The end of the last window an answer named, and the length between two such ends (fixed windows).</summary>
    private DateTimeOffset? _lastEnd;
    private TimeSpan? _windowLength;
    private DateTimeOffset _holdUntil;
    private int _inFlight;
    private DateTimeOffset? _loggedExhaustedWindow;

    public RateLimitGate(TimeProvider time, IOptions<SeedanceOptions> options, ILogger<RateLimitGate> logger, IRequestBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _probeEachWindow = budget?.IsShared == true;
        _time = time;
        _resetGrace = options.Value.RateLimitResetGrace;
        _logger = logger;
        _queues = new LinkedList<Waiter>[PriorityCount];
        for (var i = 0; i < PriorityCount; i++)
        {
            _queues[i] = new LinkedList<Waiter>();
        }

        _timer = time.CreateTimer(static state => ((RateLimitGate)state!).Pump(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public RateLimitSnapshot Snapshot
    {
        get
        {
            lock (_lock)
            {
                return new RateLimitSnapshot(_limit, _budget, _windowEnd, _holdUntil, _inFlight, _queues.Sum(q => q.Count));
            }
        }
    }

    /// <summary>When requests can go out again if none can now (window spent, or holding after a 429); else null.</summary>
    public DateTimeOffset? ResumesAt(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (now < _holdUntil)
            {
                return _holdUntil;
            }

            return _budget <= 0 && _windowEnd is { } end && now < end + _resetGrace ? end + _resetGrace : null;
        }
    }

    /// <summary>Waits until a request may be sent. Dispose the lease (after <see cref="RateLimitLease.Complete"/>) when it is answered.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(CallPriority priority, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var index = (int)priority;
        Waiter waiter;
        lock (_lock)
        {
            if (!AnyWaitingAtOrAbove(index) && TryTake(_time.GetUtcNow(), out var window))
            {
                return ValueTask.FromResult(new RateLimitLease(this, window));
            }

            waiter = new Waiter(this);
            waiter.Node = _queues[index].AddLast(waiter);
            ScheduleWakeUp(_time.GetUtcNow());
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(static (state, token) => ((Waiter)state!).Cancel(token), waiter);
        }

        return new ValueTask<RateLimitLease>(waiter.Completion.Task);
    }

    /// <summary>Records what a response said (or that none came) and lets waiting callers through.</summary>
    internal void Release(RateLimitState? state)
    {
        lock (_lock)
        {
            _inFlight--;
            if (state is not null)
            {
                Learn(state);
            }
        }

        Pump();
    }

    /// <summary>
    /// The shared budget says the window ending at <paramref name="windowEnd"/> is spent (by other replicas): no more
    /// requests from this process until it ends. Release the lease after.
    /// </summary>
    internal void MarkSpent(DateTimeOffset windowEnd)
    {
        lock (_lock)
        {
            // A probe's predicted window (none known yet) is taken as the current one: wait for its end like any spent one.
            if (_windowEnd == windowEnd || _windowEnd is null)
            {
                _windowEnd = windowEnd;
                _budget = 0;
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_lock)
        {
            foreach (var queue in _queues)
            {
                foreach (var waiter in queue)
                {
                    waiter.Completion.TrySetException(new ObjectDisposedException(nameof(RateLimitGate)));
                }

                queue.Clear();
            }
        }
    }

    private void Learn(RateLimitState state)
    {
        if (state.Limit is { } limit)
        {
            _limit = limit;
        }

        if (state.IsTooManyRequests)
        {
            // The server's word beats the local count: hold everyone until Retry-After (else the window's end), then
            // treat the window as fresh and let the next answers teach the gate again.
            var wait = state.RetryAfter
                ?? (state.Reset is { } end && end > state.ReceivedAt ? end - state.ReceivedAt : TimeSpan.FromSeconds(1));
            var until = state.ReceivedAt + wait;
            if (until > _holdUntil)
            {
                _holdUntil = until;
                Log.HoldingAfterTooManyRequests(_logger, wait.TotalSeconds, until);
            }

            _windowEnd = null;
            _budget = _limit ?? Unknown;
            return;
        }

        if (state is { Reset: { } reset, Remaining: { } remaining })
        {
            if (_windowEnd is null)
            {
                // The window rolled over locally (or this is the first answer): trust the lower of the two counts.
                NewWindow(reset);
                _budget = Math.Min(_budget, remaining);
            }
            else if (reset > _windowEnd)
            {
                // The server moved to a new window before the local clock did; requests still in flight land in it.
                NewWindow(reset);
                _budget = Math.Max(0, remaining - _inFlight);
            }
            else if (reset == _windowEnd)
            {
                _budget = Math.Min(_budget, remaining);
            }
        }
    }

    private void NewWindow(DateTimeOffset end)
    {
        _windowEnd = end;
        if (_lastEnd is { } last && end <= last)
        {
            return;
        }

        _windowLength = end - _lastEnd ?? _windowLength;
        _lastEnd = end;
    }

    /// <summary>
    /// The window a probe lands in, predicted from the last window's end and the windows' length (a minute until two
    /// answers have shown it); null before any answer. A probe counted in the shared budget before it goes out cannot
    /// overrun a window the other replicas fill meanwhile; one that lands elsewhere is counted again where it landed.
    /// </summary>
    private RateLimitWindow? PredictedWindow(DateTimeOffset now)
    {
        var length = _windowLength ?? AssumedWindowLength;
        if (_lastEnd is not { } last || length <= TimeSpan.Zero || _limit is not { } limit)
        {
            return null;
        }

        var end = last;
        if (now >= end)
        {
            end += length * (Math.Floor((now - end) / length) + 1);
        }

        return new RateLimitWindow(end, limit);
    }

    private bool TryTake(DateTimeOffset now, out RateLimitWindow? window)
    {
        window = null;
        if (now < _holdUntil)
        {
            return false;
        }

        if (_windowEnd is { } end && now >= end + _resetGrace)
        {
            _windowEnd = null;
            _budget = _limit ?? Unknown;
        }

        if (_windowEnd is null && (_limit is null || _budget <= 0 || _probeEachWindow))
        {
            // Nothing known about the window: probe with one request at a time until an answer tells.
            if (_inFlight > 0)
            {
                return false;
            }

            _inFlight++;
            window = _probeEachWindow ? PredictedWindow(now) : null;
            return true;
        }

        if (_budget <= 0)
        {
            if (_loggedExhaustedWindow != _windowEnd)
            {
                _loggedExhaustedWindow = _windowEnd;
                Log.WindowExhausted(_logger, _limit ?? 0, _windowEnd!.Value);
            }

            return false;
        }

        _budget--;
        _inFlight++;
        window = _windowEnd is { } windowEnd && _limit is { } windowLimit ? new RateLimitWindow(windowEnd, windowLimit) : null;
        return true;
    }

    private void Pump()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            for (var index = PriorityCount - 1; index >= 0; index--)
            {
                var queue = _queues[index];
                while (queue.First is { } node)
                {
                    if (!TryTake(now, out var window))
                    {
                        ScheduleWakeUp(now);
                        return;
                    }

                    // A waiter still queued under the lock has not been cancelled (cancellation dequeues first).
                    queue.RemoveFirst();
                    node.Value.Completion.SetResult(new RateLimitLease(this, window));
                }
            }
        }
    }

    private void ScheduleWakeUp(DateTimeOffset now)
    {
        DateTimeOffset? wake = now < _holdUntil
            ? _holdUntil
            : _budget <= 0 && _windowEnd is { } end ? end + _resetGrace : null;
        if (wake is { } at)
        {
            var due = at - now;
            _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }
    }

    private bool AnyWaitingAtOrAbove(int index)
    {
        for (var i = index; i < PriorityCount; i++)
        {
            if (_queues[i].Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Waiter(RateLimitGate gate)
    {
        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public void Cancel(CancellationToken token)
        {
            lock (gate._lock)
            {
                if (Node?.List is not { } list)
                {
                    return;
                }

                list.Remove(Node);
            }

            // A waiter granted just before the cancellation keeps its lease: the caller receives and releases it.
            Completion.TrySetCanceled(token);
        }
    }
}
