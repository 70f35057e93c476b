using System.Net;
using System.Net.Http.Headers;

namespace SeedanceBot.Simulator.Tests;

public sealed class MediaTests
{
    [Fact]
    public async Task MediaUrl_OfASucceededJob_ServesAPlayableMp4WithRanges()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        var url = await FinishedUrlAsync(fx);

        using var whole = await fx.Http.GetAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(0, 99);
        using var part = await fx.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("video/mp4", whole.Content.Headers.ContentType?.MediaType);
        var bytes = await whole.Content.ReadAsByteArrayAsync();
        Assert.InRange(bytes.Length, 10_000, 1_000_000);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(100, (await part.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task MediaUrl_AfterItsLifetime_Is403_AndAFreshGetGivesANewOne()
    {
        await using var fx = await SimulatorFixture.StartAsync(new SimulatorOptions { ApiKeys = SimulatorFixture.Key, MediaUrlLifetime = TimeSpan.FromMinutes(10) });
        var (id, url) = await FinishedJobAsync(fx);

        fx.Time.Advance(TimeSpan.FromMinutes(11));
        using var expired = await fx.Http.GetAsync(url);
        var fresh = new Uri((await SimulatorFixture.JsonAsync(await fx.GetAsync("v2/videos/" + id))).GetProperty("url").GetString()!);
        using var renewed = await fx.Http.GetAsync(fresh);

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.NotEqual(url, fresh);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    [Fact]
    public async Task MediaUrl_TamperedSignatureOrUnknownJob_IsRefused()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        var url = await FinishedUrlAsync(fx);

        using var tampered = await fx.Http.GetAsync(new Uri(url.ToString()[..^4] + "beef"));
        using var later = await fx.Http.GetAsync(new Uri(url.ToString().Replace("expires=", "expires=9", StringComparison.Ordinal)));
        using var unknown = await fx.Http.GetAsync(new Uri(fx.Simulator.BaseAddress, "media/vid_unknown.mp4?expires=1&sig=00"));

        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, later.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task LastFrame_Asked_IsASignedPngLinkOfTheFinishedJob()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        var id = await fx.SubmitAsync("""{"prompt":"a fox in the snow","duration_secs":5,"return_last_frame":true}""");
        var running = await SimulatorFixture.JsonAsync(await fx.GetAsync("v2/videos/" + id));
        fx.Time.Advance(TimeSpan.FromMinutes(2));
        var done = await SimulatorFixture.JsonAsync(await fx.GetAsync("v2/videos/" + id));
        var frameUrl = done.GetProperty("last_frame_url").GetString()!;

        using var frame = await fx.Http.GetAsync(new Uri(frameUrl));
        using var tampered = await fx.Http.GetAsync(new Uri(frameUrl[..^4] + "beef"));

        Assert.False(running.TryGetProperty("last_frame_url", out _));
        Assert.StartsWith(fx.Simulator.BaseAddress + "media/" + id + "-last.png?expires=", frameUrl, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, frame.StatusCode);
        Assert.Equal("image/png", frame.Content.Headers.ContentType?.MediaType);
        var png = await frame.Content.ReadAsByteArrayAsync();
        Assert.Equal((640, 360), (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }

    [Fact]
    public async Task LastFrame_NotAsked_IsNeitherListedNorServed()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        var (id, url) = await FinishedJobAsync(fx);
        var done = await SimulatorFixture.JsonAsync(await fx.GetAsync("v2/videos/" + id));

        using var frame = await fx.Http.GetAsync(new Uri(url.ToString().Replace(".mp4?", "-last.png?", StringComparison.Ordinal)));

        Assert.False(done.TryGetProperty("last_frame_url", out _));
        Assert.Equal(HttpStatusCode.NotFound, frame.StatusCode);
    }

    [Fact]
    public async Task ReturnLastFrame_NotABoolean_Is422NamingTheField()
    {
        await using var fx = await SimulatorFixture.StartAsync();

        using var response = await fx.PostVideoAsync("""{"prompt":"a fox","return_last_frame":"yes"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("return_last_frame must be a boolean", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<Uri> FinishedUrlAsync(SimulatorFixture fx) => (await FinishedJobAsync(fx)).Url;

    private static async Task<(string Id, Uri Url)> FinishedJobAsync(SimulatorFixture fx)
    {
        var id = await fx.SubmitAsync();
        fx.Time.Advance(TimeSpan.FromMinutes(2));
        var body = await SimulatorFixture.JsonAsync(await fx.GetAsync("v2/videos/" + id));
        return (id, new Uri(body.GetProperty("url").GetString()!));
    }
}
