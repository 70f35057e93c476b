using Microsoft.Extensions.Logging.Abstractions;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Styles;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Fakes;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Core.Tests.Styles;

public sealed class StylesCacheTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Refresher_AtStartAndEveryLifetime_FetchesTheCatalogue_NobodyElseDoes()
    {
        var (time, provider, cache, refresher) = await StartedRefresherAsync();
        using var stopping = refresher;
        var first = cache.FetchedAt!.Value;
        provider.Styles = [new("noir", "Noir", null)];
        var commands = await new StylesCommand(cache).HandleAsync(Command("styles"), CancellationToken.None);
        await time.DriveAsync(WaitUntilAsync(() => cache.Current is [{ Id: "noir" }]), Step);
        await refresher.StopAsync(CancellationToken.None);

        Assert.InRange(cache.FetchedAt!.Value - first, StylesCache.Lifetime, StylesCache.Lifetime + (2 * Step));
        Assert.Equal(2, provider.StylesCalls);
        Assert.StartsWith("2 styles", commands.Message!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresher_WhenTheApiFails_KeepsTheLastList_AndTriesAgainSooner()
    {
        var (time, provider, cache, refresher) = await StartedRefresherAsync();
        using var stopping = refresher;
        var first = cache.FetchedAt!.Value;

        provider.StylesFailure = new VideoProviderException(VideoProviderErrorKind.Unavailable, "503");
        await time.DriveAsync(WaitUntilAsync(() => cache.LastFailure is not null), Step);
        var failedAt = time.GetUtcNow();
        provider.StylesFailure = null;
        provider.Styles = [new("noir", "Noir", null)];
        var duringTheOutage = cache.Current;
        await time.DriveAsync(WaitUntilAsync(() => cache.LastFailure is null), Step);
        await refresher.StopAsync(CancellationToken.None);

        Assert.InRange(failedAt - first, StylesCache.Lifetime, StylesCache.Lifetime + (2 * Step));
        Assert.InRange(cache.FetchedAt!.Value - failedAt, StylesRefresher.RetryAfterFailure - (2 * Step), StylesRefresher.RetryAfterFailure + (2 * Step));
        Assert.Equal(["anime", "cinematic"], duringTheOutage.Select(s => s.Id));
        Assert.Equal(["noir"], cache.Current.Select(s => s.Id));
        Assert.Equal(3, provider.StylesCalls);
    }

    [Fact]
    public async Task Commands_BeforeTheFirstFetch_NeverWaitForTheApi()
    {
        var time = FakeClock.Create();
        var provider = new FakeVideoProvider(time) { StylesDelay = TimeSpan.FromHours(1) };
        var cache = new StylesCache(provider, time);

        var styles = await new StylesCommand(cache).HandleAsync(Command("styles"), CancellationToken.None);
        var validated = VideoRequestValidator.Validate(new VideoRequest { Prompt = "a fox", Style = "anything" }, provider.Capabilities, [.. cache.Current.Select(s => s.Id)]);

        Assert.Contains("don't have the video API's list of styles yet", styles.Message!.Text, StringComparison.Ordinal);
        Assert.True(styles.Message!.Ephemeral);
        Assert.Empty(validated.Errors);
        Assert.Equal(0, provider.StylesCalls);
    }

    [Fact]
    public async Task RefreshAsync_CallersDuringAFetch_ShareIt_AndAFinishedFetchLeavesNoneBehind()
    {
        var time = FakeClock.Create();
        var provider = new FakeVideoProvider(time) { StylesDelay = TimeSpan.FromSeconds(5) };
        var cache = new StylesCache(provider, time);

        await time.DriveAsync(Task.WhenAll(cache.RefreshAsync(CancellationToken.None), cache.RefreshAsync(CancellationToken.None)), Step);
        provider.StylesDelay = TimeSpan.Zero;
        await cache.RefreshAsync(CancellationToken.None);
        provider.Styles = [new("noir", "Noir", null)];
        await cache.RefreshAsync(CancellationToken.None);

        Assert.Equal(3, provider.StylesCalls);
        Assert.Equal(["noir"], cache.Current.Select(s => s.Id));
    }

    /// <summary>A refresher over the fake provider, started, its first fetch done.</summary>
    private static async Task<(Microsoft.Extensions.Time.Testing.FakeTimeProvider Time, FakeVideoProvider Provider, StylesCache Cache, StylesRefresher Refresher)> StartedRefresherAsync()
    {
        var time = FakeClock.Create();
        var provider = new FakeVideoProvider(time);
        var cache = new StylesCache(provider, time);
        var refresher = new StylesRefresher(cache, time, NullLogger<StylesRefresher>.Instance);
        await refresher.StartAsync(CancellationToken.None);
        await time.DriveAsync(WaitUntilAsync(() => cache.IsKnown), Step);
        return (time, provider, cache, refresher);
    }

    private static ChatCommand Command(string name) => new(name, new ChatOrigin("test", "W1", "C1"), new ChatUser("U1", "u1"), string.Empty);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            // Real time, only to let the refresher's thread run; the fake clock is what the test moves.
            await Task.Delay(TimeSpan.FromMilliseconds(2), timeout.Token);
        }
    }
}
