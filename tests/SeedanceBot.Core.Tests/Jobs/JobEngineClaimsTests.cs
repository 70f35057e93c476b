using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Fakes;

namespace SeedanceBot.Core.Tests.Jobs;

/// <summary>The engine among replicas: it steps a job only under its claim, keeps the claim while a step lasts, and takes API slots counted by the store.</summary>
public sealed class JobEngineClaimsTests
{
    private static CoreHarness Core(ScriptedClaims claims, Action<IServiceCollection>? configure = null, int apiSlots = 10) => new(
        new Dictionary<string, string?> { ["Replica:Id"] = "replica-x", ["Jobs:ClaimLease"] = "00:00:30", ["Jobs:MaxConcurrentJobs"] = apiSlots.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        services =>
        {
            services.AddSingleton<IJobClaims>(claims);
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
        Assert.Equal([("claim", "replica-x"), ("release", "replica-x")], claims.Calls.Where(c => c.Call != "renew"));
    }

    [Fact]
    public async Task Submit_EverySlotTakenOnOtherReplicas_StaysQueuedWithoutCallingTheApi()
    {
        var claims = new ScriptedClaims { HeldElsewhere = { "elsewhere" } };
        using var core = Core(claims, apiSlots: 1);
        var other = new BotJob
        {
            Id = "elsewhere",
            Origin = new ChatOrigin("test", "W1", "C1"),
            UserId = "someone-else",
            Request = new VideoRequest { Prompt = "an owl", DurationSeconds = 5 },
            Seconds = 5,
            CreatedAt = core.Time.GetUtcNow(),
        };
        var created = (await core.Store.TryCreateAsync(other, new QuotaCheck(null, null, null, DateTimeOffset.MinValue, DateTimeOffset.MinValue), CancellationToken.None)).Job!;
        await core.Store.TryUpdateAsync(created with { State = JobState.Submitting }, null, CancellationToken.None);
        await core.SendAsync("video", "a fox");

        await core.PassAsync();

        Assert.Equal(0, core.Provider.Submits);
        Assert.Equal(JobState.Queued, Assert.Single(core.Store.All, j => j.Id != "elsewhere").State);
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
        public bool Grant { get; init; } = true;

        /// <summary>Jobs another replica holds: their claims are refused whatever <see cref="Grant"/> says.</summary>
        public HashSet<string> HeldElsewhere { get; } = [];

        public bool Renew { get; init; } = true;

        public ConcurrentQueue<(string Call, string Owner)> Calls { get; } = new();

        /// <summary>One item per renewal, as it happens.</summary>
        public System.Threading.Channels.Channel<bool> Renewed { get; } = System.Threading.Channels.Channel.CreateUnbounded<bool>();

        public Task<bool> TryClaimAsync(string jobId, string owner, DateTimeOffset until, CancellationToken cancellationToken)
        {
            if (HeldElsewhere.Contains(jobId))
            {
                return Task.FromResult(false);
            }

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
