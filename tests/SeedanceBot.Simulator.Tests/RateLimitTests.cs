using System.Net;

namespace SeedanceBot.Simulator.Tests;

public sealed class RateLimitTests
{
    [Theory]
    [InlineData("v2/styles", HttpStatusCode.OK)]
    [InlineData("v2/videos/vid_missing", HttpStatusCode.NotFound)]
    public async Task EveryResponse_CarriesRateLimitHeaders(string path, HttpStatusCode expected)
    {
        await using var fx = await SimulatorFixture.StartAsync(new SimulatorOptions { ApiKeys = SimulatorFixture.Key, RequestsPerMinute = 5 });
        fx.Time.Advance(TimeSpan.FromSeconds(20));

        using var response = await fx.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        AssertHeaders(response, limit: 5, remaining: 4, reset: Minute(1));
    }

    [Fact]
    public async Task ErrorResponses_401_422_500_AlsoCarryTheHeadersAndCount()
    {
        await using var fx = await SimulatorFixture.StartAsync(new SimulatorOptions { ApiKeys = SimulatorFixture.Key, RequestsPerMinute = 10 });
        fx.Simulator.Faults.FailNext(1, 500, "/v2/account");

        using var invalid = await fx.PostVideoAsync("""{"prompt":""}""");
        using var failed = await fx.GetAsync("v2/account/balance");
        fx.Http.DefaultRequestHeaders.Authorization = null;
        using var unauthorized = await fx.GetAsync("v2/styles");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        AssertHeaders(invalid, 10, 9, Minute(1));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        AssertHeaders(failed, 10, 8, Minute(1));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        AssertHeaders(unauthorized, 10, 7, Minute(1));
    }

    [Fact]
    public async Task OverTheLimit_Is429WithRetryAfterUntilTheWindowEnds_ThenResets()
    {
        await using var fx = await SimulatorFixture.StartAsync(new SimulatorOptions { ApiKeys = SimulatorFixture.Key, RequestsPerMinute = 3 });
        fx.Time.Advance(TimeSpan.FromSeconds(42.5));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await fx.GetAsync("v2/styles")).StatusCode);
        }

        using var limited = await fx.GetAsync("v2/styles");
        fx.Time.Advance(TimeSpan.FromSeconds(17.5));
        using var nextWindow = await fx.GetAsync("v2/styles");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(18), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("rate_limited", (await SimulatorFixture.JsonAsync(limited)).GetProperty("error").GetProperty("code").GetString());
        AssertHeaders(limited, 3, 0, Minute(1));
        Assert.Equal(HttpStatusCode.OK, nextWindow.StatusCode);
        AssertHeaders(nextWindow, 3, 2, Minute(2));
    }

    [Fact]
    public async Task Media_IsNotRateLimited()
    {
        await using var fx = await SimulatorFixture.StartAsync(new SimulatorOptions { ApiKeys = SimulatorFixture.Key, RequestsPerMinute = 2 });
        var id = await fx.SubmitAsync();
        fx.Time.Advance(TimeSpan.FromMinutes(3));
        var url = (await SimulatorFixture.JsonAsync(await fx.GetAsync("v2/videos/" + id))).GetProperty("url").GetString()!;

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await fx.Http.GetAsync(new Uri(url))).StatusCode);
        }
    }

    private static long Minute(int n) => new DateTimeOffset(2026, 3, 15, 10, n, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    private static void AssertHeaders(HttpResponseMessage response, int limit, int remaining, long reset)
    {
        Assert.Equal(limit.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-RateLimit-Limit")));
        Assert.Equal(remaining.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-RateLimit-Remaining")));
        Assert.Equal(reset.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-RateLimit-Reset")));
    }
}
