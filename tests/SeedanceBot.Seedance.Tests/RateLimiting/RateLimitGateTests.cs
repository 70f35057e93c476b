using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Video;
using SeedanceBot.Seedance.RateLimiting;
using SeedanceBot.Testing.Fakes;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Seedance.Tests.RateLimiting;

public sealed class RateLimitGateTests
{
    private readonly FakeTimeProvider _time = FakeClock.Create();

    [Fact]
    public async Task AcquireAsync_NothingKnownYet_LetsOneRequestProbeAtATime()
    {
        using var gate = CreateGate();

        var first = await gate.AcquireAsync(CallPriority.Normal, TestContext.Current.CancellationToken);
        var second = gate.AcquireAsync(CallPriority.Normal, TestContext.Current.CancellationToken);

        Assert.False(second.IsCompleted);
        first.Complete(Answer(limit: 10, remaining: 9, resetIn: 60));
        (await second).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_WindowSpent_WaitsForTheResetInsteadOfSending()
    {
        using var gate = CreateGate();
        await SpendWindowAsync(gate, limit: 3, resetIn: 20);

        var waiting = gate.AcquireAsync(CallPriority.Normal, TestContext.Current.CancellationToken).AsTask();
        _time.Advance(TimeSpan.FromSeconds(19));
        await Task.Yield();
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        (await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_AfterReset_ServesInteractiveCallersBeforeBackgroundPolls()
    {
        using var gate = CreateGate();
        await SpendWindowAsync(gate, limit: 1, resetIn: 10);
        var order = new List<string>();
        var background = Track(gate.AcquireAsync(CallPriority.Background, CancellationToken.None).AsTask(), "background", order);
        var normal = Track(gate.AcquireAsync(CallPriority.Normal, CancellationToken.None).AsTask(), "normal", order);
        var interactive = Track(gate.AcquireAsync(CallPriority.Interactive, CancellationToken.None).AsTask(), "interactive", order);

        // The new window holds one request: the interactive call gets it.
        _time.Advance(TimeSpan.FromSeconds(10));
        var first = await interactive.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        first.Complete(Answer(limit: 1, remaining: 0, resetIn: 60));
        Assert.False(normal.IsCompleted);
        Assert.False(background.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(60));
        var second = await normal.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        second.Complete(Answer(limit: 1, remaining: 0, resetIn: 60));
        _time.Advance(TimeSpan.FromSeconds(60));
        (await background.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Dispose();

        Assert.Equal(["interactive", "normal", "background"], order);
    }

    [Fact]
    public async Task Complete_429_HoldsEveryCallerUntilRetryAfter()
    {
        using var gate = CreateGate();
        var lease = await gate.AcquireAsync(CallPriority.Normal, TestContext.Current.CancellationToken);
        lease.Complete(Answer(limit: 100, remaining: 50, resetIn: 60, tooMany: true, retryAfter: 8));

        var interactive = gate.AcquireAsync(CallPriority.Interactive, TestContext.Current.CancellationToken).AsTask();
        _time.Advance(TimeSpan.FromSeconds(7.9));
        await Task.Yield();
        Assert.False(interactive.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        (await interactive.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Dispose();
        Assert.Equal(_time.GetUtcNow(), gate.Snapshot.HoldUntil);
    }

    [Fact]
    public async Task AcquireAsync_ManyCallersAgainstOneWindow_NeverLetMoreThanTheLimitThrough()
    {
        using var gate = CreateGate();
        var probe = await gate.AcquireAsync(CallPriority.Normal, TestContext.Current.CancellationToken);
        probe.Complete(Answer(limit: 5, remaining: 4, resetIn: 30));

        var callers = Enumerable.Range(0, 12).Select(_ => gate.AcquireAsync(CallPriority.Normal, CancellationToken.None).AsTask()).ToList();
        await Task.Delay(50, TestContext.Current.CancellationToken);

        Assert.Equal(4, callers.Count(c => c.IsCompletedSuccessfully));
        Assert.Equal(8, gate.Snapshot.Waiting);
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_LeavesTheQueueAndThrows()
    {
        using var gate = CreateGate();
        await SpendWindowAsync(gate, limit: 1, resetIn: 60);
        using var cts = new CancellationTokenSource();

        var waiting = gate.AcquireAsync(CallPriority.Background, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, gate.Snapshot.Waiting);
    }

    [Fact]
    public async Task Complete_StaleAnswerFromAnOlderWindow_DoesNotRaiseTheBudget()
    {
        using var gate = CreateGate();
        var probe = await gate.AcquireAsync(CallPriority.Normal, TestContext.Current.CancellationToken);
        probe.Complete(Answer(limit: 10, remaining: 2, resetIn: 30));
        var lease = await gate.AcquireAsync(CallPriority.Normal, TestContext.Current.CancellationToken);

        lease.Complete(Answer(limit: 10, remaining: 9, resetIn: -30));

        Assert.Equal(1, gate.Snapshot.Budget);
    }

    [Fact]
    public async Task ResumesAt_SaysWhenASpentWindowOrA429HoldEnds()
    {
        using var gate = CreateGate();
        Assert.Null(gate.ResumesAt(_time.GetUtcNow()));
        await SpendWindowAsync(gate, limit: 2, resetIn: 25);
        var spentAt = _time.GetUtcNow();

        var afterSpending = gate.ResumesAt(spentAt);
        _time.Advance(TimeSpan.FromSeconds(25));
        var lease = await gate.AcquireAsync(CallPriority.Normal, TestContext.Current.CancellationToken);
        lease.Complete(Answer(limit: 2, remaining: 1, resetIn: 60, tooMany: true, retryAfter: 12));

        Assert.Equal(spentAt.AddSeconds(25), afterSpending);
        Assert.Equal(_time.GetUtcNow().AddSeconds(12), gate.ResumesAt(_time.GetUtcNow()));
    }

    [Fact]
    public async Task AcquireAsync_SharedBudget_ProbeOfTheSecondWindowIsCountedInItBeforeItGoesOut()
    {
        // One window seen: its successor is predicted a minute on, so the probe is counted before other replicas fill it.
        using var gate = CreateGate(new InMemoryRequestBudget());
        var first = await gate.AcquireAsync(CallPriority.Normal, TestContext.Current.CancellationToken);
        Assert.Null(first.Window);
        first.Complete(Answer(limit: 10, remaining: 9, resetIn: 30));
        var firstEnd = _time.GetUtcNow().AddSeconds(30);

        _time.Advance(TimeSpan.FromSeconds(31));
        var probe = await gate.AcquireAsync(CallPriority.Normal, TestContext.Current.CancellationToken);

        Assert.Equal(new RateLimitWindow(firstEnd.AddMinutes(1), 10), probe.Window);
        probe.Dispose();
    }

    private RateLimitGate CreateGate(IRequestBudget? budget = null) =>
        new(_time, Options.Create(new SeedanceOptions { RateLimitResetGrace = TimeSpan.Zero }), NullLogger<RateLimitGate>.Instance, budget);

    private async Task SpendWindowAsync(RateLimitGate gate, int limit, double resetIn)
    {
        for (var remaining = limit - 1; remaining >= 0; remaining--)
        {
            var lease = await gate.AcquireAsync(CallPriority.Normal, TestContext.Current.CancellationToken);
            lease.Complete(Answer(limit, remaining, resetIn));
        }

        Assert.Equal(0, gate.Snapshot.Budget);
    }

    private RateLimitState Answer(int limit, int remaining, double resetIn, bool tooMany = false, double? retryAfter = null) =>
        new(limit, remaining, _time.GetUtcNow().AddSeconds(resetIn), retryAfter is { } s ? TimeSpan.FromSeconds(s) : null, tooMany, _time.GetUtcNow());

    private static async Task<RateLimitLease> Track(Task<RateLimitLease> task, string name, List<string> order)
    {
        var lease = await task;
        lock (order)
        {
            order.Add(name);
        }

        return lease;
    }
}
