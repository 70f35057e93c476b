using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;
using Xunit;

namespace SeedanceBot.Testing.Contracts;

/// <summary>
/// What every store's <see cref="IJobClaims"/> must do, run once per store: moving a job into an API slot is atomic
/// against the cap, so racers never take more slots than there are. How claims themselves behave depends on whether
/// other processes share the store: <see cref="SharedJobClaimsContract"/> (PostgreSQL) and
/// <see cref="LocalJobClaimsContract"/> (one-process stores).
/// </summary>
public abstract class JobClaimsContract : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    private static readonly QuotaCheck Generous = new(new QuotaLimits(1000, 100_000, 1000), null, null, T0.AddDays(-1), T0.AddDays(-1));

    private readonly Lazy<IJobStore> _store;

    protected JobClaimsContract() => _store = new(CreateStore, LazyThreadSafetyMode.ExecutionAndPublication);

    protected IJobStore Store => _store.Value;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>How many replicas race for the slots: one for a one-process store, several for a shared one.</summary>
    protected virtual int Replicas => 1;

    protected abstract IJobStore CreateStore();

    /// <summary>The claims as one more replica holds them (its own connections), over <see cref="Store"/>'s data.</summary>
    protected abstract IJobClaims NewReplica();

    protected virtual void Dispose(bool disposing)
    {
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
        var replicas = Enumerable.Range(0, Replicas).Select(_ => NewReplica()).ToList();
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
