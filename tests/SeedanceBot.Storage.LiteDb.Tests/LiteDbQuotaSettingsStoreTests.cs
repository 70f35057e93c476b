using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb.Tests;

public sealed class LiteDbQuotaSettingsStoreTests
{
    private static readonly WorkspaceKey Guild = new("discord", "G1");

    [Fact]
    public async Task Settings_RoundTripAcrossReopenAndRemove()
    {
        using var store = new TempStore();
        await store.Settings.SetUserAsync(Guild, "U1", new QuotaOverride(DailyVideos: 30), CancellationToken.None);
        await store.Settings.SetRoleAsync(Guild, "R1", new QuotaOverride(DailySeconds: 600), CancellationToken.None);
        await store.Settings.SetRoleAsync(Guild, "R2", new QuotaOverride(MaxConcurrentJobs: 4), CancellationToken.None);
        await store.Settings.SetWorkspaceAsync(Guild, new WorkspaceQuota(new QuotaOverride(5, 60, 1), 100, 2000), CancellationToken.None);
        await store.Settings.SetUsageResetAsync(Guild, "U1", TempStore.T0, CancellationToken.None);
        store.Reopen();

        Assert.Equal(new QuotaOverride(DailyVideos: 30), await store.Settings.GetUserAsync(Guild, "U1", CancellationToken.None));
        Assert.Equal(2, (await store.Settings.GetRolesAsync(Guild, ["R1", "R2", "R3"], CancellationToken.None)).Count);
        Assert.Equal(new WorkspaceQuota(new QuotaOverride(5, 60, 1), 100, 2000), await store.Settings.GetWorkspaceAsync(Guild, CancellationToken.None));
        Assert.Equal(TempStore.T0, await store.Settings.GetUsageResetAsync(Guild, "U1", CancellationToken.None));
        Assert.Null(await store.Settings.GetUserAsync(new WorkspaceKey("slack", "G1"), "U1", CancellationToken.None));

        await store.Settings.SetUserAsync(Guild, "U1", null, CancellationToken.None);
        Assert.Null(await store.Settings.GetUserAsync(Guild, "U1", CancellationToken.None));
    }

    [Fact]
    public async Task Get_ReadBeforeAChange_SeesTheChangeOnceItIsWritten()
    {
        using var store = new TempStore();
        Assert.Null(await store.Settings.GetUserAsync(Guild, "U1", CancellationToken.None));
        Assert.Null(await store.Settings.GetWorkspaceAsync(Guild, CancellationToken.None));

        await store.Settings.SetUserAsync(Guild, "U1", new QuotaOverride(DailyVideos: 3), CancellationToken.None);
        await store.Settings.SetWorkspaceAsync(Guild, new WorkspaceQuota(new QuotaOverride(DailyVideos: 2), 10, null), CancellationToken.None);
        var user = await store.Settings.GetUserAsync(Guild, "U1", CancellationToken.None);
        await store.Settings.SetUserAsync(Guild, "U1", new QuotaOverride(DailyVideos: 4), CancellationToken.None);

        Assert.Equal(new QuotaOverride(DailyVideos: 3), user);
        Assert.Equal(new QuotaOverride(DailyVideos: 4), await store.Settings.GetUserAsync(Guild, "U1", CancellationToken.None));
        Assert.Equal(new WorkspaceQuota(new QuotaOverride(DailyVideos: 2), 10, null), await store.Settings.GetWorkspaceAsync(Guild, CancellationToken.None));
    }

    [Fact]
    public async Task Get_WhileTheSettingChanges_EndsWithTheLastValueWritten()
    {
        using var store = new TempStore();
        using var stop = new CancellationTokenSource();
        var started = Enumerable.Range(0, 2).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var readers = started.Select(reading => Task.Run(async () =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested)
            {
                await store.Settings.GetUserAsync(Guild, "U1", CancellationToken.None);
                reads++;
                reading.TrySetResult();
                await Task.Yield();
            }

            return reads;
        })).ToList();
        await Task.WhenAll(started.Select(s => s.Task));

        for (var videos = 1; videos <= 100; videos++)
        {
            await store.Settings.SetUserAsync(Guild, "U1", new QuotaOverride(DailyVideos: videos), CancellationToken.None);
        }

        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(readers), reads => Assert.True(reads > 0));
        Assert.Equal(new QuotaOverride(DailyVideos: 100), await store.Settings.GetUserAsync(Guild, "U1", CancellationToken.None));
    }
}
