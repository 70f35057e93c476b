using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb.Tests;

/// <summary>
/// The store counts usage by exactly the ids it was given, whatever they are: LiteDB's default mapper writes "" as null,
/// so a query for an empty id never matched what was stored and the quota of such a user was never reached. Adapters
/// refuse such requests before they get here; the store must still count right.
/// </summary>
public sealed class IdentityCountingTests
{
    private static readonly QuotaCheck ThreePerDay = new(new QuotaLimits(DailyVideos: 3, DailySeconds: 1000, MaxConcurrentJobs: 10), null, null, TempStore.T0.AddHours(-1), TempStore.T0.AddHours(-1));

    public static TheoryData<string, string> OddIds => new()
    {
        { string.Empty, "U1" },
        { "W1", string.Empty },
        { string.Empty, string.Empty },
        { " ", "  " },
        { "W1", "U1,<!channel>" },
        { "W1", "U1 " },
    };

    [Theory]
    [MemberData(nameof(OddIds))]
    public async Task TryCreate_OddWorkspaceOrUserIds_CountTowardsTheQuota(string workspace, string user)
    {
        using var store = new TempStore();
        var outcomes = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            var creation = await store.Jobs.TryCreateAsync(TempStore.Job("job" + i, user, workspace: workspace), ThreePerDay, CancellationToken.None);
            outcomes.Add(creation.Created);
        }

        var usage = await store.Jobs.GetUsageAsync("discord", workspace, user, TempStore.T0.AddHours(-1), CancellationToken.None);

        Assert.Equal([true, true, true, false], outcomes);
        Assert.Equal(3, usage.Videos);
        Assert.Equal(user, (await store.Jobs.GetAsync("job0", CancellationToken.None))!.UserId);
    }
}
