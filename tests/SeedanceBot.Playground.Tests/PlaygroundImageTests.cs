using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SeedanceBot.Testing.Images;

namespace SeedanceBot.Playground.Tests;

/// <summary>Images through the playground's API into the whole bot (real header reader, real LiteDB, the simulator).</summary>
public sealed class PlaygroundImageTests(PlaygroundHost host) : IClassFixture<PlaygroundHost>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(string text, params object[] images)
    {
        using var response = await host.Http.PostAsJsonAsync(new Uri("/playground/api/commands", UriKind.Relative), new { text, user = "ada", images }, Token);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement);
    }

    [Fact]
    public async Task PostVideo_WithAFirstFrame_QueuesAJob()
    {
        var (status, body) = await SendAsync("/video the fox turns its head", new { role = "first_frame", name = "fox.png", data = Convert.ToBase64String(TestImages.Png(640, 360)) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("reply").ValueKind);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("jobId").GetString()));
        Assert.Contains("[first frame: fox.png]", body.GetProperty("command").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostVideo_WithABigImageAsADataUrl_QueuesAJob()
    {
        // Over the 64 KB of a text command, and given as the data URL a browser's FileReader makes.
        var (status, body) = await SendAsync("/video a wide harbour", new { role = "reference", name = "harbour.jpg", data = TestImages.DataUrl(TestImages.Jpeg(2400, 1200), "image/jpeg") });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("jobId").GetString()));
    }

    [Fact]
    public async Task PostVideo_TextNamedPng_IsRefusedByCoresCheck()
    {
        var (status, body) = await SendAsync("/video a cat", new { role = "first_frame", name = "cat.png", data = Convert.ToBase64String(TestImages.TextNamedPng()) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("jobId").ValueKind);
        Assert.Contains("The first frame (cat.png) can't be used", body.GetProperty("reply").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/video a cat", "middle", "iVBORw0KGgo=", "Each image needs a role")]
    [InlineData("/video a cat", "first_frame", "not base64!", "not base64")]
    [InlineData("/help", "first_frame", "iVBORw0KGgo=", "Only /video takes images.")]
    public async Task PostCommand_ImagesThatAreNoUpload_Are400WithAReason(string text, string role, string data, string error)
    {
        var (status, body) = await SendAsync(text, new { role, data });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(error, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
