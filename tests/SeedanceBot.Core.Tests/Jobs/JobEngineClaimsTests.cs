using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Fakes;

namespace SeedanceBot.Core.Tests.Jobs;

/// <summary>The engine among replicas: it steps a job only under its claim, keeps the claim while a step lasts, and takes API slots through the claims port.</summary>
public sealed class JobEngineClaimsTests
{
    private static CoreHarness Core(ScriptedClaims claims, Action<IServiceCollection>? configure = null) => new(
        new Dictionary<string, string?> { ["Replica:Id"] = "replica-x", ["Jobs:ClaimLease"] = "00:00:30" },
        services =>
        {
            services.AddSingleton<IJobClaims>(provider => claims.Over(provider.GetRequiredService<IJobStore>()));
            configure?.Invoke(services);
        });

    [Fact]
    public async Task Pass_JobClaimedByAnotherReplica_NeitherSubmitsNorMovesIt()
    {
        var claims = new ScriptedClaims { Grant = false };
        using var core = Core(claims);
        await core.SendAsync("video", "a fox");

        await core.PassAsync();

        Assert.Equal(0, core.Provider.Submits);
        Assert.Equal(JobState.Queued, Assert.Single(core.Store.All).State);
        Assert.Contains(("claim", "replica-x"), claims.Calls);
        Assert.DoesNotContain(claims.Calls, c => c.Call == "release");
    }

    [Fact]
    public async Task Pass_ClaimGranted_ClaimsAsThisReplicaAndReleasesAfterEachStep()
    {
        var claims = new ScriptedClaims();
        using var core = Core(claims);
        await core.SendAsync("video", "a fox");

        await core.PassAsync();

        Assert.Equal(1, core.Provider.Submits);
        Assert.Equal(JobState.Running, Assert.Single(core.Store.All).State);
        Assert.Equal([("claim", "replica-x"), ("slot", "replica-x"), ("release", "replica-x")], claims.Calls.Where(c => c.Call != "renew"));
    }

    [Fact]
    public async Task Submit_EverySlotTakenOnOtherReplicas_StaysQueuedWithoutCallingTheApi()
    {
        var claims = new ScriptedClaims { SlotsFree = false };
        using var core = Core(claims);
        await core.SendAsync("video", "a fox");

        await core.PassAsync();

        Assert.Equal(0, core.Provider.Submits);
        Assert.Equal(JobState.Queued, Assert.Single(core.Store.All).State);
    }

    [Fact]
    public async Task Step_WaitingLongAtTheApi_RenewsItsClaimEveryThirdOfTheLease()
    {
        var claims = new ScriptedClaims();
        var stall = new StallingSubmit();
        using var core = Core(claims, services => services.AddSingleton<IVideoProvider>(provider => stall.Over(provider.GetRequiredService<TimeProvider>())));
        await core.SendAsync("video", "a fox");
        await core.Engine.RunOnceAsync(CancellationToken.None);
        await stall.Entered.Task;

        for (var i = 0; i < 3; i++)
        {
            core.Time.Advance(TimeSpan.FromSeconds(10));
            // Bounded in real time only so a missing renewal fails instead of hanging.
            await claims.Renewed.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }

        Assert.False(stall.Token.IsCancellationRequested);
        Assert.Equal(3, claims.Calls.Count(c => c.Call == "renew"));
    }

    [Fact]
    public async Task Step_ClaimTakenOverByAnotherReplica_IsCancelledAndLeavesTheJobToIt()
    {
        var claims = new ScriptedClaims { Renew = false };
        var stall = new StallingSubmit();
        using var core = Core(claims, services => services.AddSingleton<IVideoProvider>(provider => stall.Over(provider.GetRequiredService<TimeProvider>())));
        await core.SendAsync("video", "a fox");
        await core.Engine.RunOnceAsync(CancellationToken.None);
        await stall.Entered.Task;

        core.Time.Advance(TimeSpan.FromSeconds(10));
        await Task.WhenAll(core.Engine.InFlight).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(stall.Token.IsCancellationRequested);
        Assert.Equal(JobState.Submitting, Assert.Single(core.Store.All).State);
    }

    /// <summary>Claims whose answers a test sets, recording each call and the owner it named.</summary>
    private sealed class ScriptedClaims : IJobClaims
    {
        private IJobStore _store = null!;

        public bool Grant { get; init; } = true;

        public bool Renew { get; init; } = true;

        public bool SlotsFree { get; init; } = true;

        public ConcurrentQueue<(string Call, string Owner)> Calls { get; } = new();

        /// <summary>One item per renewal, as it happens.</summary>
        public System.Threading.Channels.Channel<bool> Renewed { get; } = System.Threading.Channels.Channel.CreateUnbounded<bool>();

        public ScriptedClaims Over(IJobStore store)
        {
            _store = store;
            return this;
        }

        public Task<bool> TryClaimAsync(string jobId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
        {
            Calls.Enqueue(("claim", owner));
            return Task.FromResult(Grant);
        }

        public Task<bool> RenewAsync(string jobId, string owner, DateTimeOffset until, CancellationToken cancellationToken)
        {
            Calls.Enqueue(("renew", owner));
            Renewed.Writer.TryWrite(Renew);
            return Task.FromResult(Renew);
        }

        public Task ReleaseAsync(string jobId, string owner, CancellationToken cancellationToken)
        {
            Calls.Enqueue(("release", owner));
            return Task.CompletedTask;
        }

        public Task<BotJob?> TryUpdateIntoSlotAsync(BotJob job, int limit, CancellationToken cancellationToken)
        {
            Calls.Enqueue(("slot", "replica-x"));
            return SlotsFree ? _store.TryUpdateAsync(job, null, cancellationToken) : Task.FromResult<BotJob?>(null);
        }
    }

    /// <summary>A provider whose submit waits (a long wait at the rate limit) until its call is cancelled.</summary>
    private sealed class StallingSubmit
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken Token { get; private set; }

        public IVideoProvider Over(TimeProvider time)
        {
            var fake = new FakeVideoProvider(time);
            var provider = Substitute.For<IVideoProvider>();
            provider.Capabilities.Returns(fake.Capabilities);
            provider.SubmitAsync(Arg.Any<VideoRequest>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(async call =>
            {
                Token = call.Arg<CancellationToken>();
                Entered.TrySetResult();
                await Task.Delay(TimeSpan.FromHours(1), time, Token);
                return new SubmittedVideo("never", VideoJobState.InProgress, null);
            });
            return provider;
        }
    }
}
