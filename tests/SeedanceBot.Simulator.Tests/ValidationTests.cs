using System.Net;

namespace SeedanceBot.Simulator.Tests;

public sealed class ValidationTests
{
    [Theory]
    [InlineData("""{}""", "prompt")]
    [InlineData("""{"prompt":"a","scenes":[{"prompt":"b","duration_secs":2}]}""", "prompt")]
    [InlineData("""{"prompt":""}""", "prompt")]
    [InlineData("""{"prompt":42}""", "prompt")]
    [InlineData("""{"prompt":"a","duration_secs":0}""", "duration_secs")]
    [InlineData("""{"prompt":"a","duration_secs":21}""", "duration_secs")]
    [InlineData("""{"prompt":"a","duration_secs":"8"}""", "duration_secs")]
    [InlineData("""{"prompt":"a","aspect_ratio":"4:3"}""", "aspect_ratio")]
    [InlineData("""{"prompt":"a","style":"vaporwave"}""", "style")]
    [InlineData("""{"prompt":"a","seed":-1}""", "seed")]
    [InlineData("""{"prompt":"a","seed":4294967296}""", "seed")]
    [InlineData("""{"prompt":"a","seed":1.5}""", "seed")]
    [InlineData("""{"prompt":"a","camera":{"zoom":"sideways"}}""", "camera.zoom")]
    [InlineData("""{"prompt":"a","camera":{"roll":"left"}}""", "camera.roll")]
    [InlineData("""{"prompt":"a","camera":"zoom"}""", "camera")]
    [InlineData("""{"prompt":"a","motion_level":"extreme"}""", "motion_level")]
    [InlineData("""{"prompt":"a","webhook_url":"http://example.com/hook"}""", "webhook_url")]
    [InlineData("""{"prompt":"a","webhook_url":"not a url"}""", "webhook_url")]
    [InlineData("""{"scenes":[]}""", "scenes")]
    [InlineData("""{"scenes":[{"prompt":"a","duration_secs":4},{"duration_secs":3}]}""", "scenes[1].prompt")]
    [InlineData("""{"scenes":[{"prompt":"a","duration_secs":4},{"prompt":"b","duration_secs":30}]}""", "scenes[1].duration_secs")]
    [InlineData("""{"scenes":[{"prompt":"a","duration_secs":20},{"prompt":"b","duration_secs":20},{"prompt":"c","duration_secs":20},{"prompt":"d","duration_secs":1}]}""", "scenes")]
    [InlineData("""{"scenes":[{"prompt":"a","duration_secs":4}],"duration_secs":4}""", "duration_secs")]
    [InlineData("""[1,2]""", "body")]
    public async Task PostVideos_InvalidField_Is422NamingTheField(string json, string field)
    {
        await using var fx = await SimulatorFixture.StartAsync();

        using var response = await fx.PostVideoAsync(json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await SimulatorFixture.JsonAsync(response)).GetProperty("error");
        Assert.Equal("validation_failed", error.GetProperty("code").GetString());
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == field);
        Assert.Empty(fx.Simulator.Jobs);
    }

    [Fact]
    public async Task PostVideos_ElevenScenesAndLongPrompt_ReportsEveryProblemAtOnce()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        var scenes = string.Join(",", Enumerable.Range(0, 11).Select(i => i == 2 ? $$"""{"prompt":"{{new string('x', 2001)}}","duration_secs":1}""" : """{"prompt":"p","duration_secs":1}"""));

        using var response = await fx.PostVideoAsync($$"""{"scenes":[{{scenes}}],"aspect_ratio":"2:1"}""");

        var fields = (await SimulatorFixture.JsonAsync(response)).GetProperty("error").GetProperty("details").EnumerateArray().Select(d => d.GetProperty("field").GetString()).ToList();
        Assert.Contains("scenes", fields);
        Assert.Contains("scenes[2].prompt", fields);
        Assert.Contains("aspect_ratio", fields);
    }

    [Theory]
    [InlineData("""{"prompt":""")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task PostVideos_MalformedJson_Is422InvalidJson(string body)
    {
        await using var fx = await SimulatorFixture.StartAsync();

        using var response = await fx.PostVideoAsync(body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("invalid_json", (await SimulatorFixture.JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task PostVideos_EveryOptionValid_IsAccepted()
    {
        await using var fx = await SimulatorFixture.StartAsync();

        using var response = await fx.PostVideoAsync("""
            {"prompt":"a neon alley","aspect_ratio":"9:16","duration_secs":20,"style":"cyberpunk","seed":4294967295,
             "camera":{"zoom":"out","pan":"right","tilt":"up"},"motion_level":"medium","webhook_url":"http://127.0.0.1:9/hook"}
            """);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
