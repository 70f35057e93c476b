using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;
using Xunit;

namespace SeedanceBot.Testing.Contracts;

/// <summary>
/// What every store's <see cref="IJobClaims"/> must do, run once per store. A shared store (PostgreSQL) gives a claim
/// to one replica at a time until it expires or is released; a one-process store grants every claim. On every store,
/// moving a job into an API slot is atomic against the cap: racers never take more slots than there are.
/// </summary>
public abstract class JobClaimsContract : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    private static readonly QuotaCheck Generous = new(new QuotaLimits(1000, 100_000, 1000), null, null, T0.AddDays(-1), T0.AddDays(-1));

    private readonly Lazy<IJobStore> _store;

    protected JobClaimsContract() => _store = new(CreateStore, LazyThreadSafetyMode.ExecutionAndPublication);

    protected IJobStore Store => _store.Value;

    /// <summary>Whether other processes share the claims (else every claim is granted).</summary>
    protected abstract bool Shared { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract IJobStore CreateStore();

    /// <summary>The claims as one more replica holds them (its own connections), over <see cref="Store"/>'s data.</summary>
    protected abstract IJobClaims NewReplica();

    protected virtual void Dispose(bool disposing)
    {
    }

    private void RequireShared() => Assert.SkipUnless(Shared, "A one-process store grants every claim: the engine alone keeps a job to one step at a time.");

    [Fact]
    public async Task TryClaim_HeldByAnotherReplica_RefusedUntilItExpires()
    {
        RequireShared();
        var (a, b) = (NewReplica(), NewReplica());

        Assert.True(await a.TryClaimAsync("J1", "a", T0, T0.AddSeconds(30), CancellationToken.None));
        Assert.False(await b.TryClaimAsync("J1", "b", T0.AddSeconds(29), T0.AddSeconds(59), CancellationToken.None));
        Assert.True(await b.TryClaimAsync("J2", "b", T0.AddSeconds(29), T0.AddSeconds(59), CancellationToken.None));
        Assert.True(await b.TryClaimAsync("J1", "b", T0.AddSeconds(30), T0.AddSeconds(60), CancellationToken.None));
        Assert.False(await a.RenewAsync("J1", "a", T0.AddSeconds(61), CancellationToken.None));
    }

    [Fact]
    public async Task TryClaim_ByItsHolderAgain_IsGrantedAndExtends()
    {
        RequireShared();
        var (a, b) = (NewReplica(), NewReplica());
        await a.TryClaimAsync("J1", "a", T0, T0.AddSeconds(30), CancellationToken.None);

        Assert.True(await a.TryClaimAsync("J1", "a", T0.AddSeconds(10), T0.AddSeconds(40), CancellationToken.None));
        Assert.False(await b.TryClaimAsync("J1", "b", T0.AddSeconds(35), T0.AddSeconds(65), CancellationToken.None));
    }

    [Fact]
    public async Task Renew_ByTheHolder_KeepsOtherReplicasOutPastTheFirstExpiry()
    {
        RequireShared();
        var (a, b) = (NewReplica(), NewReplica());
        await a.TryClaimAsync("J1", "a", T0, T0.AddSeconds(30), CancellationToken.None);

        Assert.True(await a.RenewAsync("J1", "a", T0.AddSeconds(60), CancellationToken.None));
        Assert.False(await b.TryClaimAsync("J1", "b", T0.AddSeconds(45), T0.AddSeconds(75), CancellationToken.None));
        Assert.False(await b.RenewAsync("J1", "b", T0.AddSeconds(75), CancellationToken.None));
    }

    [Fact]
    public async Task Release_ThenAnotherReplica_ClaimsAtOnce_ButOnlyTheHolderReleases()
    {
        RequireShared();
        var (a, b, c) = (NewReplica(), NewReplica(), NewReplica());
        await a.TryClaimAsync("J1", "a", T0, T0.AddSeconds(30), CancellationToken.None);
        await a.ReleaseAsync("J1", "a", CancellationToken.None);

        Assert.True(await b.TryClaimAsync("J1", "b", T0.AddSeconds(1), T0.AddSeconds(31), CancellationToken.None));
        await a.ReleaseAsync("J1", "a", CancellationToken.None);
        Assert.False(await c.TryClaimAsync("J1", "c", T0.AddSeconds(2), T0.AddSeconds(32), CancellationToken.None));
    }

    [Fact]
    public async Task TryClaim_SixteenReplicasAtOnce_OneWins()
    {
        RequireShared();
        var replicas = Enumerable.Range(0, 16).Select(_ => NewReplica()).ToList();
        using var start = new ManualResetEventSlim();
        var racers = replicas.Select((claims, r) => Task.Run(async () =>
        {
            start.Wait();
            return await claims.TryClaimAsync("J1", "r" + r, T0, T0.AddSeconds(30), CancellationToken.None);
        })).ToList();
        start.Set();

        Assert.Equal(1, (await Task.WhenAll(racers)).Count(won => won));
    }

    [Fact]
    public async Task TryClaim_OneProcessStore_GrantsEveryClaim()
    {
        Assert.SkipWhen(Shared, "A shared store's claims are exclusive (the other cases).");
        var claims = NewReplica();

        Assert.True(await claims.TryClaimAsync("J1", "a", T0, T0.AddSeconds(30), CancellationToken.None));
        Assert.True(await claims.TryClaimAsync("J1", "b", T0, T0.AddSeconds(30), CancellationToken.None));
        Assert.True(await claims.RenewAsync("J1", "b", T0.AddSeconds(60), CancellationToken.None));
    }

    [Fact]
    public async Task TryUpdateIntoSlot_BelowTheCap_MovesTheJob_AtTheCap_LeavesItQueued()
    {
        var claims = NewReplica();
        var first = await CreateAsync("J1");
        var second = await CreateAsync("J2");

        var moved = await claims.TryUpdateIntoSlotAsync(first with { State = JobState.Submitting }, 1, CancellationToken.None);
        var refused = await claims.TryUpdateIntoSlotAsync(second with { State = JobState.Submitting }, 1, CancellationToken.None);

        Assert.Equal(JobState.Submitting, moved?.State);
        Assert.Null(refused);
        Assert.Equal(JobState.Queued, (await Store.GetAsync("J2", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task TryUpdateIntoSlot_AStaleCopy_ReturnsNull()
    {
        var claims = NewReplica();
        var job = await CreateAsync("J1");
        await Store.TryUpdateAsync(job with { Progress = 1 }, null, CancellationToken.None);

        Assert.Null(await claims.TryUpdateIntoSlotAsync(job with { State = JobState.Submitting }, 10, CancellationToken.None));
    }

    [Fact]
    public async Task TryUpdateIntoSlot_TwentyJobsRacingForThreeSlots_ExactlyThreeMove()
    {
        var replicas = Enumerable.Range(0, Shared ? 4 : 1).Select(_ => NewReplica()).ToList();
        var jobs = new List<BotJob>();
        for (var i = 0; i < 20; i++)
        {
            jobs.Add(await CreateAsync("J" + i));
        }

        using var start = new ManualResetEventSlim();
        var racers = jobs.Select((job, i) => Task.Run(async () =>
        {
            start.Wait();
            return await replicas[i % replicas.Count].TryUpdateIntoSlotAsync(job with { State = JobState.Submitting }, 3, CancellationToken.None);
        })).ToList();
        start.Set();

        Assert.Equal(3, (await Task.WhenAll(racers)).Count(moved => moved is not null));
        Assert.Equal(3, (await Store.ListActiveAsync(CancellationToken.None)).Count(j => j.State == JobState.Submitting));
    }

    private async Task<BotJob> CreateAsync(string id)
    {
        var job = new BotJob
        {
            Id = id,
            Origin = new ChatOrigin("test", "W1", "C1"),
            UserId = "U" + id,
            Request = new VideoRequest { Prompt = "a fox", DurationSeconds = 5 },
            Seconds = 5,
            CreatedAt = T0,
        };
        return (await Store.TryCreateAsync(job, Generous, CancellationToken.None)).Job!;
    }
}
