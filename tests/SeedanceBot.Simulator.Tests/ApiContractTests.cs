using System.Net;
using System.Net.Http.Headers;

namespace SeedanceBot.Simulator.Tests;

public sealed class ApiContractTests
{
    private static readonly DateTimeOffset FakeClockStart = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PostVideos_SingleShot_Answers202WithAProcessingJob()
    {
        await using var fx = await SimulatorFixture.StartAsync();

        using var response = await fx.PostVideoAsync("""{"prompt":"A photorealistic shot of a fox walking through a snowy forest at dawn, cinematic lighting.","aspect_ratio":"16:9","duration_secs":8}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await SimulatorFixture.JsonAsync(response);
        Assert.Matches("^vid_[a-z0-9]{12}$", body.GetProperty("id").GetString());
        Assert.Equal("processing", body.GetProperty("status").GetString());
        Assert.Equal("2026-03-15T10:00:00Z", body.GetProperty("created_at").GetString());
    }

    [Fact]
    public async Task PostVideos_GuideStoryboard_IsAcceptedAndTimedByItsTotalSeconds()
    {
        await using var fx = await SimulatorFixture.StartAsync(new SimulatorOptions { ApiKeys = SimulatorFixture.Key, BaseGenerationSeconds = 30, SecondsPerVideoSecond = 10, TimeScale = 2 });

        using var response = await fx.PostVideoAsync("""
            {"scenes": [
               {"prompt": "Wide shot. A detective in a brown trench coat stands under a flickering streetlamp on a rainy London street at night.", "duration_secs": 4},
               {"prompt": "Close-up shot. The same detective in the brown trench coat looks up, rain dripping from his hat. Cinematic, photorealistic style.", "duration_secs": 3}],
             "style": "photorealistic", "seed": 42}
            """);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = Assert.Single(fx.Simulator.Jobs);
        Assert.Equal(7, job.TotalSeconds);
        Assert.Equal(TimeSpan.FromSeconds((30 + 70) / 2.0), job.FinishesAt - job.CreatedAt);
    }

    [Fact]
    public async Task GetVideo_Lifecycle_ProcessingWithProgressThenSucceededWithUrl()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        var id = await fx.SubmitAsync("""{"prompt":"waves","duration_secs":5}""");

        fx.Time.Advance(TimeSpan.FromSeconds(40));
        var running = await SimulatorFixture.JsonAsync(await fx.GetAsync("v2/videos/" + id));
        fx.Time.Advance(TimeSpan.FromSeconds(40));
        var done = await SimulatorFixture.JsonAsync(await fx.GetAsync("v2/videos/" + id));

        Assert.Equal("processing", running.GetProperty("status").GetString());
        Assert.Equal(50, running.GetProperty("progress").GetInt32());
        Assert.Equal(40, running.GetProperty("eta_secs").GetInt32());
        Assert.False(running.TryGetProperty("url", out _));
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.StartsWith(fx.Simulator.BaseAddress + "media/" + id + ".mp4?expires=", done.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVideo_FailureRateOne_EndsFailedWithAnErrorObject()
    {
        await using var fx = await SimulatorFixture.StartAsync(new SimulatorOptions { ApiKeys = SimulatorFixture.Key, FailureRate = 1 });
        var id = await fx.SubmitAsync();
        fx.Time.Advance(TimeSpan.FromMinutes(5));

        var body = await SimulatorFixture.JsonAsync(await fx.GetAsync("v2/videos/" + id));

        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Equal("generation_failed", body.GetProperty("error").GetProperty("code").GetString());
        Assert.False(body.TryGetProperty("url", out _));
    }

    [Fact]
    public async Task GetVideo_UnknownId_Is404WithErrorBody()
    {
        await using var fx = await SimulatorFixture.StartAsync();

        using var response = await fx.GetAsync("v2/videos/vid_nothere");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await SimulatorFixture.JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task GetStyles_ListsTheGuidesStyles()
    {
        await using var fx = await SimulatorFixture.StartAsync();

        var body = await SimulatorFixture.JsonAsync(await fx.GetAsync("v2/styles"));

        var ids = body.GetProperty("styles").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "photorealistic", "cinematic", "anime", "cyberpunk" }, ids.ToHashSet());
        Assert.All(body.GetProperty("styles").EnumerateArray(), s => Assert.False(string.IsNullOrEmpty(s.GetProperty("name").GetString())));
    }

    [Fact]
    public async Task GetBalance_GoesDownByGeneratedSecondsOnceJobsSucceed()
    {
        await using var fx = await SimulatorFixture.StartAsync(new SimulatorOptions { ApiKeys = SimulatorFixture.Key, InitialBalance = 100 });
        await fx.SubmitAsync("""{"prompt":"a","duration_secs":6}""");
        var during = await SimulatorFixture.JsonAsync(await fx.GetAsync("v2/account/balance"));
        fx.Time.Advance(TimeSpan.FromMinutes(5));

        var after = await SimulatorFixture.JsonAsync(await fx.GetAsync("v2/account/balance"));

        Assert.Equal(100, during.GetProperty("balance").GetDouble());
        Assert.Equal(94, after.GetProperty("balance").GetDouble());
        Assert.Equal("credits", after.GetProperty("unit").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Basic c2ltOmtleQ==")]
    [InlineData("Bearer ")]
    public async Task AnyEndpoint_MissingOrWrongKey_Is401(string? authorization)
    {
        await using var fx = await SimulatorFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/styles");
        fx.Http.DefaultRequestHeaders.Authorization = null;
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await fx.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", (await SimulatorFixture.JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnyEndpoint_NoKeysConfigured_AcceptsAnyNonEmptyKey()
    {
        await using var fx = await SimulatorFixture.StartAsync(new SimulatorOptions());
        fx.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "whatever-I-like");

        using var response = await fx.GetAsync("v2/styles");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PostVideos_RepeatedIdempotencyKey_ReturnsTheOriginalJobAndCreatesNoOther()
    {
        await using var fx = await SimulatorFixture.StartAsync();

        using var first = await fx.PostVideoAsync("""{"prompt":"a kite"}""", "key-1");
        using var again = await fx.PostVideoAsync("""{"prompt":"a kite"}""", "key-1");
        using var other = await fx.PostVideoAsync("""{"prompt":"a kite"}""", "key-2");

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var firstId = (await SimulatorFixture.JsonAsync(first)).GetProperty("id").GetString();
        Assert.Equal(firstId, (await SimulatorFixture.JsonAsync(again)).GetProperty("id").GetString());
        Assert.NotEqual(firstId, (await SimulatorFixture.JsonAsync(other)).GetProperty("id").GetString());
        Assert.Equal(2, fx.Simulator.Jobs.Count);
        Assert.Equal(["key-1", "key-1", "key-2"], fx.Simulator.Requests.Select(r => r.IdempotencyKey));
    }

    [Fact]
    public async Task UnknownEndpoint_Is404()
    {
        await using var fx = await SimulatorFixture.StartAsync();

        using var response = await fx.GetAsync("v2/nothing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Requests_AreLoggedWithStatusAndTime()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        await fx.GetAsync("v2/styles");
        fx.Time.Advance(TimeSpan.FromSeconds(3));
        await fx.GetAsync("v2/videos/vid_x");

        Assert.Equal(
            [new SimulatorRequest("GET", "/v2/styles", FakeClockStart, 200, null), new SimulatorRequest("GET", "/v2/videos/vid_x", FakeClockStart.AddSeconds(3), 404, null)],
            fx.Simulator.Requests);
    }
}
