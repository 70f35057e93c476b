using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SeedanceBot.Discord.Rest;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Discord.Tests.Rest;

/// <summary>The limiter's bookkeeping on a fake clock: spent buckets wait for their reset, buckets are per major parameter.</summary>
public sealed class DiscordRateLimiterTests
{
    private readonly FakeTimeProvider _time = FakeClock.Create();

    private static HttpResponseMessage Answer(int remaining, double resetAfter, string bucket = "abc")
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Add("X-RateLimit-Bucket", bucket);
        response.Headers.Add("X-RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Reset-After", resetAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }

    [Fact]
    public async Task SpentBucket_WaitsForResetAfter_OtherChannelDoesNot()
    {
        var limiter = new DiscordRateLimiter(_time, NullLogger<DiscordRateLimiter>.Instance);
        var channelA = DiscordRoute.For(HttpMethod.Post, "channels/111111111111111111/messages");
        var channelB = DiscordRoute.For(HttpMethod.Post, "channels/222222222222222222/messages");
        var bucket = await limiter.AcquireAsync(channelA, CancellationToken.None);
        using (var answer = Answer(remaining: 0, resetAfter: 2.0))
        {
            limiter.Complete(channelA, bucket, answer, null, null);
        }

        var again = limiter.AcquireAsync(channelA, CancellationToken.None);
        var other = await limiter.AcquireAsync(channelB, CancellationToken.None);
        DiscordRateLimiter.Abandon(other);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(again.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        DiscordRateLimiter.Abandon(await again.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InvalidRequests_NearTheBanThreshold_PauseBotCalls_ButNotInteractionAnswers()
    {
        var limiter = new DiscordRateLimiter(_time, NullLogger<DiscordRateLimiter>.Instance);
        var route = DiscordRoute.For(HttpMethod.Get, "channels/111111111111111111/messages");
        for (var i = 0; i < DiscordRateLimiter.InvalidRequestBudget; i++)
        {
            var bucket = await limiter.AcquireAsync(route, CancellationToken.None);
            using var forbidden = new HttpResponseMessage(HttpStatusCode.Forbidden);
            limiter.Complete(route, bucket, forbidden, null, null);
            _time.Advance(TimeSpan.FromMilliseconds(25)); // stay under the global 50/s
        }

        await Assert.ThrowsAsync<DiscordApiException>(() => limiter.AcquireAsync(route, CancellationToken.None));
        DiscordRateLimiter.Abandon(await limiter.AcquireAsync(DiscordRoute.For(HttpMethod.Post, "interactions/1309000000000000001/tok/callback"), CancellationToken.None));

        _time.Advance(TimeSpan.FromMinutes(10));
        DiscordRateLimiter.Abandon(await limiter.AcquireAsync(route, CancellationToken.None));
    }

    [Theory]
    [InlineData("POST", "channels/111111111111111111/messages", "POST /channels/{major}/messages", "111111111111111111", false)]
    [InlineData("PATCH", "channels/111111111111111111/messages/1400000000000000001", "PATCH /channels/{major}/messages/{id}", "111111111111111111", false)]
    [InlineData("PATCH", "webhooks/1300000000000000000/tok/messages/@original", "PATCH /webhooks/{major}/{token}/messages/@original", "1300000000000000000/tok", true)]
    [InlineData("POST", "interactions/1309000000000000001/tok/callback", "POST /interactions/{id}/{token}/callback", "/1309000000000000001/tok", true)]
    [InlineData("GET", "gateway/bot", "GET /gateway/bot", "", false)]
    public void Route_FoldsIdsExceptTheMajorParameter(string method, string path, string key, string major, bool interaction)
    {
        var route = DiscordRoute.For(new HttpMethod(method), path);

        Assert.Equal(key, route.Key);
        Assert.Equal(major, route.MajorParameter);
        Assert.Equal(interaction, route.IsInteraction);
    }
}
