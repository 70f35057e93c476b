using Microsoft.Extensions.Logging.Abstractions;
using SeedanceBot.Slack.WebApi;

namespace SeedanceBot.Slack.Tests.WebApi;

/// <summary>The limiter's rules on a fake clock: tiers per sliding minute, 429 holds per method, one message a second per channel.</summary>
public sealed class SlackRateLimiterTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _time = new();

    private SlackRateLimiter NewLimiter() => new(_time, NullLogger<SlackRateLimiter>.Instance);

    [Fact]
    public async Task Tier3Method_FiftyCallsPass_TheFiftyFirstWaitsUntilTheFirstIsAMinuteOld()
    {
        var limiter = NewLimiter();
        for (var i = 0; i < 50; i++)
        {
            Assert.True(limiter.WaitAsync("chat.update", null, None).IsCompletedSuccessfully);
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        var next = limiter.WaitAsync("chat.update", null, None);
        _time.Advance(TimeSpan.FromSeconds(49));
        Assert.False(next.IsCompleted);
        Assert.True(limiter.WaitAsync("users.info", null, None).IsCompletedSuccessfully);

        _time.Advance(TimeSpan.FromSeconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RateLimited_HoldsThatMethodForRetryAfter_AndNoOther()
    {
        var limiter = NewLimiter();

        limiter.RateLimited("chat.postMessage", TimeSpan.FromSeconds(30));
        var held = limiter.WaitAsync("chat.postMessage", null, None);
        var other = limiter.WaitAsync("chat.update", null, None);
        _time.Advance(TimeSpan.FromSeconds(29));

        Assert.True(other.IsCompletedSuccessfully);
        Assert.False(held.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await held.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task PostsToOneChannel_AreASecondApart_OtherChannelsAreNotHeld()
    {
        var limiter = NewLimiter();

        var first = limiter.WaitAsync("chat.postMessage", "C1", None);
        var second = limiter.WaitAsync("chat.postMessage", "C1", None);
        var elsewhere = limiter.WaitAsync("chat.postMessage", "C2", None);

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(elsewhere.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }
}
