using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SeedanceBot.Playground.Tests;

/// <summary>The playground's HTTP API as a script (or a mischievous page) calls it: people cannot pose as the bot, bad bodies get a clear 4xx.</summary>
public sealed class PlaygroundEndpointsTests(PlaygroundHost host) : IClassFixture<PlaygroundHost>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("SeedanceBot")]
    [InlineData("  SeedanceBot  ")]
    [InlineData("seedancebot")]
    [InlineData("SEEDANCEBOT")]
    [InlineData("Seedance Bot")]
    [InlineData("Seedance\u200BBot")]
    [InlineData("Seedance\u2060Bot\uFEFF")]
    [InlineData("SeedanceB\u043Et")]
    [InlineData("\u0405\u0435\u0435d\u0430n\u0441\u0435B\u043Et")]
    [InlineData("\uFF33\uFF45\uFF45\uFF44\uFF41\uFF4E\uFF43\uFF45\uFF22\uFF4F\uFF54")]
    [InlineData("Seedance\u0301Bot")]
    [InlineData("SeedanceB0t")]
    [InlineData("SeedanceBot \u2713")]
    [InlineData("\u202ESeedanceBot")]
    public async Task PostCommand_UserNamedLikeTheBot_IsRefused_AndNothingIsPosted(string user)
    {
        var before = await MessageCountAsync();

        using var response = await host.Http.PostAsJsonAsync(new Uri("/playground/api/commands", UriKind.Relative), new { text = "/video Your video is ready. https://example.com/scam.mp4", user }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(await ErrorAsync(response)));
        Assert.Equal(before, await MessageCountAsync());
    }

    [Theory]
    [InlineData("text/plain", "{\"action\":\"reroll\",\"job\":\"abc\",\"user\":\"you\"}", HttpStatusCode.UnsupportedMediaType, "as JSON")]
    [InlineData("application/json", "{\"action\":", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("application/json", "{\"action\":7,\"job\":\"abc\"}", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("application/json", "{\"job\":\"abc\",\"user\":\"you\"}", HttpStatusCode.BadRequest, "needs \"action\"")]
    [InlineData("application/json", "{\"action\":\"reroll\",\"user\":\"you\"}", HttpStatusCode.BadRequest, "needs \"action\"")]
    [InlineData("application/json", "{\"action\":\"reroll\",\"job\":\"abc\",\"user\":\"SeedanceBot\"}", HttpStatusCode.BadRequest, "")]
    public async Task PostAction_BadBody_IsAClear4xx_AndNothingIsPosted(string contentType, string body, HttpStatusCode status, string says)
    {
        var before = await MessageCountAsync();

        using var content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await host.Http.PostAsync(new Uri("/playground/api/actions", UriKind.Relative), content, Token);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(says, await ErrorAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await MessageCountAsync());
    }

    [Theory]
    [InlineData("continue")]
    [InlineData("reroll")]
    [InlineData("delete")]
    [InlineData("no_such_button")]
    public async Task PostAction_UnknownJob_AnswersPrivatelyThatItIsNotKnown(string action)
    {
        using var response = await host.Http.PostAsJsonAsync(new Uri("/playground/api/actions", UriKind.Relative), new { action, job = "nosuchjob", user = "you", prompt = "next" }, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("reply");
        Assert.Contains("no longer known", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(reply.GetProperty("ephemeral").GetBoolean());
    }

    [Fact]
    public async Task PostCommand_TheBotsNameRefused_SaysWhy()
    {
        using var response = await host.Http.PostAsJsonAsync(new Uri("/playground/api/commands", UriKind.Relative), new { text = "/help", user = "Seedance Bot" }, Token);

        Assert.Equal("'SeedanceBot' is the bot's name; pick another user name.", await ErrorAsync(response));
    }

    [Fact]
    public async Task PostCommand_PersonsMessage_IsAPersons_AndOnlyTheReplyIsTheBots()
    {
        using var response = await host.Http.PostAsJsonAsync(new Uri("/playground/api/commands", UriKind.Relative), new { text = "/help", user = "mallory" }, Token);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        var messages = JsonDocument.Parse(await host.Http.GetStringAsync(new Uri("/playground/api/messages?user=mallory", UriKind.Relative), Token)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("mallory", "person"), (body.GetProperty("command").GetProperty("author").GetString(), body.GetProperty("command").GetProperty("kind").GetString()));
        Assert.Equal(("SeedanceBot", "bot"), (body.GetProperty("reply").GetProperty("author").GetString(), body.GetProperty("reply").GetProperty("kind").GetString()));
        Assert.All(messages.EnumerateArray().Where(m => m.GetProperty("author").GetString() == "mallory"), m => Assert.Equal("person", m.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task PostCommand_NameThatOnlyContainsLettersOfTheBots_IsAllowed()
    {
        using var response = await host.Http.PostAsJsonAsync(new Uri("/playground/api/commands", UriKind.Relative), new { text = "/help", user = "Bot-tom Seed" }, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> BadBodies() => [.. Bodies.Keys];

    private static readonly Dictionary<string, (Func<HttpContent?> Content, HttpStatusCode Status, string Says)> Bodies = new(StringComparer.Ordinal)
    {
        ["no body"] = (() => null, HttpStatusCode.UnsupportedMediaType, "JSON"),
        ["plain text"] = (() => new StringContent("/help", Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType, "Content-Type: application/json"),
        ["a form"] = (() => new FormUrlEncodedContent([new("text", "/help")]), HttpStatusCode.UnsupportedMediaType, "JSON"),
        ["broken JSON"] = (() => Json("{\"text\": \"/help\""), HttpStatusCode.BadRequest, "not valid JSON"),
        ["not an object"] = (() => Json("[\"/help\"]"), HttpStatusCode.BadRequest, "not valid JSON"),
        ["null"] = (() => Json("null"), HttpStatusCode.BadRequest, "needs \"text\""),
        ["empty object"] = (() => Json("{}"), HttpStatusCode.BadRequest, "needs \"text\""),
        ["only a user"] = (() => Json("{\"user\": \"bob\"}"), HttpStatusCode.BadRequest, "needs \"text\""),
        ["text is a number"] = (() => Json("{\"text\": 5}"), HttpStatusCode.BadRequest, "as strings"),
        ["user is a list"] = (() => Json("{\"text\": \"/help\", \"user\": [\"a\"]}"), HttpStatusCode.BadRequest, "as strings"),
        ["no slash"] = (() => Json("{\"text\": \"help\"}"), HttpStatusCode.BadRequest, "start with /"),
        ["invalid UTF-8"] = (() => new ByteArrayContent([.. "{\"text\": \"/help \""u8, 0xC3, 0x28, .. "\"}"u8]) { Headers = { ContentType = new("application/json") } }, HttpStatusCode.BadRequest, "not valid JSON"),
        ["lone surrogate"] = (() => Json("{\"text\": \"/video \\ud800 a fox\"}"), HttpStatusCode.BadRequest, "not valid JSON"),
        ["deep nesting"] = (() => Json("{\"text\": " + new string('[', 5000) + new string(']', 5000) + "}"), HttpStatusCode.BadRequest, "not valid JSON"),
        ["control character in the name"] = (() => Json("{\"text\": \"/help\", \"user\": \"bo\\u0000b\"}"), HttpStatusCode.BadRequest, "control or invisible"),
        ["long name"] = (() => Json("{\"text\": \"/help\", \"user\": \"" + new string('b', 41) + "\"}"), HttpStatusCode.BadRequest, "at most 40"),
        ["long command"] = (() => Json("{\"text\": \"/video " + new string('a', 9000) + "\"}"), HttpStatusCode.BadRequest, "at most 8,100"),
        ["1 MB"] = (() => Json("{\"text\": \"/video " + new string('a', 1_000_000) + "\"}"), HttpStatusCode.RequestEntityTooLarge, "larger than 64 KB"),
        ["1 MB without a length"] = (() => new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"text\": \"/video " + new string('a', 1_000_000) + "\"}")), 4096) { Headers = { ContentType = new("application/json") } }, HttpStatusCode.RequestEntityTooLarge, "larger than 64 KB"),
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PostCommand_BadBody_Gets4xxWithAClearMessage(string name)
    {
        var (content, status, says) = Bodies[name];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/playground/api/commands", UriKind.Relative)) { Content = content() };
        if (name == "1 MB without a length")
        {
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await host.Http.SendAsync(request, Token);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(says, await ErrorAsync(response), StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task PostCommand_Usage_AnswersPrivatelyWithAChartAndACsvServedByTheirUrls()
    {
        using var response = await host.Http.PostAsJsonAsync("/playground/api/commands", new { text = "/usage 3", user = "ops" }, Token);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));

        var reply = answer.RootElement.GetProperty("reply");
        Assert.True(reply.GetProperty("ephemeral").GetBoolean());
        var files = reply.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["image/png", "text/csv"], files.Select(f => f.GetProperty("contentType").GetString()));
        using var png = await host.Http.GetAsync(files[0].GetProperty("url").GetString(), Token);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        using var bitmap = SkiaSharp.SKBitmap.Decode(await png.Content.ReadAsByteArrayAsync(Token));
        Assert.Equal(1000, bitmap.Width);
        Assert.Equal("date,user_id,user_name,videos,seconds,spend\r\n", await host.Http.GetStringAsync(files[1].GetProperty("url").GetString(), Token));
        using var gone = await host.Http.GetAsync("/playground/api/files/00000000000000000000000000000000/x.png", Token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("error").GetString()!;
    }

    private async Task<int> MessageCountAsync() =>
        JsonDocument.Parse(await host.Http.GetStringAsync(new Uri("/playground/api/messages", UriKind.Relative), Token)).RootElement.GetArrayLength();
}
