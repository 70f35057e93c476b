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
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Refresher_AtStartAndEveryLifetime_FetchesTheCatalogue_NobodyElseDoes()
    {
        var time = FakeClock.Create();
        var provider = new FakeVideoProvider(time);
        var cache = new StylesCache(provider, time);
        using var refresher = new StylesRefresher(cache, time, NullLogger<StylesRefresher>.Instance);

        await refresher.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => cache.IsKnown);
        provider.Styles = [new("noir", "Noir", null)];
        var commands = await new StylesCommand(cache).HandleAsync(Command("styles"), CancellationToken.None);
        time.Advance(StylesCache.Lifetime - Step);
        var callsBeforeTheLifetime = provider.StylesCalls;
        time.Advance(Step);
        await WaitUntilAsync(() => cache.Current is [{ Id: "noir" }]);
        await refresher.StopAsync(CancellationToken.None);

        Assert.Equal(1, callsBeforeTheLifetime);
        Assert.Equal(2, provider.StylesCalls);
        Assert.StartsWith("2 styles", commands.Message!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresher_WhenTheApiFails_KeepsTheLastList_AndTriesAgainSooner()
    {
        var time = FakeClock.Create();
        var provider = new FakeVideoProvider(time);
        var cache = new StylesCache(provider, time);
        using var refresher = new StylesRefresher(cache, time, NullLogger<StylesRefresher>.Instance);
        await refresher.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => cache.IsKnown);

        provider.StylesFailure = new VideoProviderException(VideoProviderErrorKind.Unavailable, "503");
        time.Advance(StylesCache.Lifetime);
        await WaitUntilAsync(() => cache.LastFailure is not null);
        provider.StylesFailure = null;
        provider.Styles = [new("noir", "Noir", null)];
        var duringTheOutage = cache.Current;
        time.Advance(StylesRefresher.RetryAfterFailure);
        await WaitUntilAsync(() => cache.LastFailure is null);
        await refresher.StopAsync(CancellationToken.None);

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

    private static ChatCommand Command(string name) => new(name, new ChatOrigin("test", "W1", "C1"), new ChatUser("U1", "u1"), string.Empty);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }
}
