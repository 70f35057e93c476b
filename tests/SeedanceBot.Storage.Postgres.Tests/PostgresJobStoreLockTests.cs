using Npgsql;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Storage.Postgres.Tests;

/// <summary>
/// What a reservation waits for: only its own user's lock when the workspace has no caps (users do not queue behind
/// each other's commits), the whole workspace when it is checked against caps. A reservation held mid-transaction is
/// played by a connection holding the same advisory lock; waiting is seen in <c>pg_locks</c>, not guessed from time.
/// </summary>
public sealed class PostgresJobStoreLockTests(PostgresCluster cluster)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    private static readonly QuotaCheck PerUser = new(new QuotaLimits(DailyVideos: 10, DailySeconds: 1000, MaxConcurrentJobs: 10), null, null, T0.AddHours(-10), T0.AddHours(-10));

    [Fact]
    public async Task TryCreate_AnotherUsersReservationInFlight_DoesNotWait_TheSameUsersWaitsForIt()
    {
        await using var database = await TempDatabase.CreateAsync(cluster);
        var store = database.Jobs;
        await using var holder = await HoldAsync(database, $"pg_advisory_xact_lock({RowKeys.UserQuotaLockSpace}, {RowKeys.UserLock("discord", "W1", "alice")})");

        var bob = await store.TryCreateAsync(Job("b1", "bob"), PerUser, TestContext.Current.CancellationToken);
        var alice = store.TryCreateAsync(Job("a1", "alice"), PerUser, TestContext.Current.CancellationToken);
        await WaitUntilSomeoneWaitsAsync(database);

        Assert.True(bob.Created);
        Assert.False(alice.IsCompleted);
        await holder.DisposeAsync();
        Assert.True((await alice).Created);
    }

    [Fact]
    public async Task TryCreate_ACappedReservationInFlight_EveryReservationOfTheWorkspaceWaits()
    {
        await using var database = await TempDatabase.CreateAsync(cluster);
        var store = database.Jobs;
        await using var holder = await HoldAsync(database, $"pg_advisory_xact_lock({RowKeys.QuotaLockSpace}, {RowKeys.WorkspaceLock("discord", "W1")})");

        var bob = store.TryCreateAsync(Job("b1", "bob"), PerUser, TestContext.Current.CancellationToken);
        await WaitUntilSomeoneWaitsAsync(database);
        var elsewhere = await store.TryCreateAsync(Job("c1", "carol", workspace: OtherLane("W1")), PerUser, TestContext.Current.CancellationToken);

        Assert.True(elsewhere.Created);
        Assert.False(bob.IsCompleted);
        await holder.DisposeAsync();
        Assert.True((await bob).Created);
    }

    /// <summary>A workspace whose reservations are batched in another lane than <paramref name="workspace"/>'s (a lane waits for its batch).</summary>
    private static string OtherLane(string workspace) =>
        Enumerable.Range(2, 100).Select(i => "W" + i).First(w => PostgresReservations.LaneOf(RowKeys.WorkspaceLock("discord", w)) != PostgresReservations.LaneOf(RowKeys.WorkspaceLock("discord", workspace)));

    private static BotJob Job(string id, string user, string workspace = "W1") => new()
    {
        Id = id,
        Origin = new ChatOrigin("discord", workspace, "C1", "T1"),
        UserId = user,
        Request = new VideoRequest { Prompt = "a fox", DurationSeconds = 5 },
        Seconds = 5,
        CreatedAt = T0,
    };

    /// <summary>An open transaction holding one advisory lock, as a reservation in flight holds it; disposing ends it.</summary>
    private static async Task<NpgsqlConnection> HoldAsync(TempDatabase database, string lockCall)
    {
        var connection = await database.DataSource.OpenConnectionAsync();
        await using (var begin = new NpgsqlCommand($"BEGIN; SELECT {lockCall};", connection))
        {
            await begin.ExecuteNonQueryAsync();
        }

        return connection;
    }

    private static async Task WaitUntilSomeoneWaitsAsync(TempDatabase database)
    {
        await using var query = database.DataSource.CreateCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
        var deadline = TimeSpan.FromSeconds(30);
        var started = TimeProvider.System.GetTimestamp();
        while ((long)(await query.ExecuteScalarAsync())! == 0)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < deadline, "no reservation started waiting for the lock");
            await Task.Yield();
        }
    }
}
