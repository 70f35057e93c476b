using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Replicas;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Core.Tests.Replicas;

/// <summary>One replica runs the work; another takes it over when the holder's lease expires. On a fake clock.</summary>
public sealed class LeasedSingletonTests : IDisposable
{
    private const string Name = "discord-commands";
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = FakeClock.Create();
    private readonly InMemoryReplicaLeases _leases;
    private readonly CancellationTokenSource _stopA = new();
    private readonly CancellationTokenSource _stopB = new();

    public LeasedSingletonTests() => _leases = new InMemoryReplicaLeases(_time);

    public void Dispose()
    {
        _stopA.Cancel();
        _stopB.Cancel();
        _stopA.Dispose();
        _stopB.Dispose();
    }

    private LeasedSingleton Replica(string id) =>
        new(_leases, new ReplicaIdentity(id), Options.Create(new ReplicaOptions { LeaseDuration = Ttl }), _time, NullLogger<LeasedSingleton>.Instance);

    private static Func<CancellationToken, Task> Work(TaskCompletionSource started, TaskCompletionSource? cancelled = null) => async token =>
    {
        started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, token);
        }
        finally
        {
            cancelled?.TrySetResult();
        }
    };

    private async Task<string?> HolderAsync() => (await _leases.ListAsync(Name, CancellationToken.None)).SingleOrDefault()?.Owner;

    [Fact]
    public async Task RunAsync_LeaseFree_RunsTheWork_AndKeepsTheLeaseRenewedPastItsDuration()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Replica("a").RunAsync(Name, Work(started), _stopA.Token);

        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var later = _time.GetUtcNow() + (3 * Ttl);
        await _time.DriveAsync(ClockReachesAsync(later), Step);

        Assert.Equal("a", await HolderAsync());
        await _stopA.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RunAsync_HeldByAReplicaThatDied_RunsOnlyOnceThatLeaseExpired()
    {
        await _leases.TryAcquireAsync(Name, "dead", _time.GetUtcNow() + Ttl, CancellationToken.None);
        var expiry = _time.GetUtcNow() + Ttl;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        _ = Replica("b").RunAsync(Name, Work(started), _stopB.Token);
        await _time.DriveAsync(started.Task, Step);

        Assert.True(_time.GetUtcNow() >= expiry, $"started at {_time.GetUtcNow():O}, the dead replica's lease ran to {expiry:O}");
        Assert.Equal("b", await HolderAsync());
    }

    [Fact]
    public async Task RunAsync_TwoReplicas_OnlyOneRuns_AndTheOtherTakesOverWhenTheFirstDies()
    {
        var startedA = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var startedB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runningA = Replica("a").RunAsync(Name, Work(startedA), _stopA.Token);
        await startedA.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var firstTry = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Replica("b").RunAsync(Name, Work(startedB), _stopB.Token, firstTry.SetResult);
        await firstTry.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await _time.DriveAsync(ClockReachesAsync(_time.GetUtcNow() + (2 * Ttl)), Step);
        Assert.False(startedB.Task.IsCompleted);

        // A dies: it stops renewing and never releases.
        await _stopA.CancelAsync();
        await runningA.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var died = _time.GetUtcNow();
        await _time.DriveAsync(startedB.Task, Step);

        Assert.Equal("b", await HolderAsync());
        Assert.True(_time.GetUtcNow() - died <= Ttl + (Ttl / 3) + Step, $"taken over {_time.GetUtcNow() - died} after the holder died");
    }

    [Fact]
    public async Task RunAsync_LeaseLost_CancelsTheWork_AndContendsAgain()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Replica("a").RunAsync(Name, Work(started, cancelled), _stopA.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // Someone else holds it now (the store lost A's row, or A was too slow to renew).
        await _leases.ReleaseAsync(Name, "a", CancellationToken.None);
        await _leases.TryAcquireAsync(Name, "c", _time.GetUtcNow() + Ttl, CancellationToken.None);
        await _time.DriveAsync(cancelled.Task, Step);

        Assert.Equal("c", await HolderAsync());
    }

    [Fact]
    public async Task RunAsync_WorkThatEnds_KeepsTheLease_SoItDoesNotRunAgainElsewhere()
    {
        var runs = 0;
        var firstTry = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Replica("a").RunAsync(Name, _ => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, _stopA.Token, firstTry.SetResult);
        await firstTry.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        _ = Replica("b").RunAsync(Name, _ => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, _stopB.Token);

        await _time.DriveAsync(ClockReachesAsync(_time.GetUtcNow() + (3 * Ttl)), Step);

        Assert.Equal(1, runs);
        Assert.Equal("a", await HolderAsync());
    }

    /// <summary>Completes once the fake clock reached <paramref name="until"/> (the driver moves it).</summary>
    private Task ClockReachesAsync(DateTimeOffset until) => Task.Delay(until - _time.GetUtcNow(), _time, TestContext.Current.CancellationToken);
}
