using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace SeedanceBot.Simulator.Tests;

/// <summary>The contract's images field (the product's addition): data URLs in roles, validated, recorded by hash.</summary>
public sealed class ImageInputTests
{
    // The eight bytes of a PNG signature, a JPEG's SOI and a WebP RIFF header: the simulator checks magic bytes only.
    private const string Png = "data:image/png;base64,iVBORw0KGgo=";
    private const string Jpeg = "data:image/jpeg;base64,/9j/4AAQ";
    private const string Webp = "data:image/webp;base64,UklGRiQAAABXRUJQVlA4IA==";

    [Fact]
    public async Task PostVideos_FirstAndLastFrame_IsAcceptedAndTheJobRecordsEachImageByHash()
    {
        await using var fx = await SimulatorFixture.StartAsync();

        using var response = await fx.PostVideoAsync($$"""{"prompt":"a fox turns","images":[{"url":"{{Png}}","role":"first_frame"},{"url":"{{Jpeg}}","role":"last_frame"}]}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = Assert.Single(fx.Simulator.Jobs);
        var pngHash = Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String("iVBORw0KGgo=")));
        var jpegHash = Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String("/9j/4AAQ")));
        Assert.Equal(
            $$"""{"prompt":"a fox turns","images":[{"role":"first_frame","content_type":"image/png","bytes":8,"sha256":"{{pngHash}}"},{"role":"last_frame","content_type":"image/jpeg","bytes":6,"sha256":"{{jpegHash}}"}]}""",
            JsonSerializer.Serialize(JsonDocument.Parse(job.RequestJson).RootElement));
    }

    [Fact]
    public async Task PostVideos_References_AreAccepted()
    {
        await using var fx = await SimulatorFixture.StartAsync();

        using var response = await fx.PostVideoAsync($$"""{"prompt":"a cat knight","images":[{"url":"{{Webp}}","role":"reference_image"},{"url":"{{Png}}","role":"reference_image"}]}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"prompt":"a","images":"x"}""", "images")]
    [InlineData("""{"prompt":"a","images":[]}""", "images")]
    [InlineData("""{"prompt":"a","images":[{"url":"data:image/png;base64,iVBORw0KGgo=","role":"middle_frame"}]}""", "images[0].role")]
    [InlineData("""{"prompt":"a","images":[{"role":"first_frame"}]}""", "images[0].url")]
    [InlineData("""{"prompt":"a","images":[{"url":"https://example.com/a.png","role":"first_frame"}]}""", "images[0].url")]
    [InlineData("""{"prompt":"a","images":[{"url":"data:image/gif;base64,R0lGODlh","role":"first_frame"}]}""", "images[0].url")]
    [InlineData("""{"prompt":"a","images":[{"url":"data:image/png;base64,/9j/4AAQ","role":"first_frame"}]}""", "images[0].url")]
    [InlineData("""{"prompt":"a","images":[{"url":"data:image/png;base64,!!!!","role":"first_frame"}]}""", "images[0].url")]
    [InlineData("""{"prompt":"a","images":[{"url":"data:image/png;base64,iVBORw0KGgo=","role":"last_frame"}]}""", "images")]
    [InlineData("""{"prompt":"a","images":[{"url":"data:image/png;base64,iVBORw0KGgo=","role":"first_frame"},{"url":"data:image/png;base64,iVBORw0KGgo=","role":"first_frame"}]}""", "images")]
    [InlineData("""{"prompt":"a","images":[{"url":"data:image/png;base64,iVBORw0KGgo=","role":"first_frame"},{"url":"data:image/png;base64,iVBORw0KGgo=","role":"reference_image"}]}""", "images")]
    public async Task PostVideos_InvalidImages_Is422NamingTheField(string json, string field)
    {
        await using var fx = await SimulatorFixture.StartAsync();

        using var response = await fx.PostVideoAsync(json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var details = (await SimulatorFixture.JsonAsync(response)).GetProperty("error").GetProperty("details").EnumerateArray();
        Assert.Contains(details, d => d.GetProperty("field").GetString() == field);
        Assert.Empty(fx.Simulator.Jobs);
    }
}
