using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SeedanceBot.Testing.Conformance;
using SeedanceBot.Testing.Http;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Slack.Tests.Conformance;

/// <summary>
/// The fake Slack and the HTTP answer check enforce the checker: a broken payload is answered as Slack does, recorded,
/// and fails the test at dispose.
/// </summary>
public sealed class FakeSlackConformanceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BrokenBlocks_AreRefusedWithInvalidBlocks_Recorded_AndFailAtDispose()
    {
        var slack = await FakeSlack.StartAsync(FakeClock.Create());
        using var http = new HttpClient { BaseAddress = slack.BaseAddress };
        var blocks = new JsonArray([.. Enumerable.Range(0, 51).Select(_ => (JsonNode)new JsonObject { ["type"] = "divider" })]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/chat.postMessage")
        {
            Content = new StringContent(new JsonObject { ["channel"] = "C0CHAN", ["text"] = "hi", ["blocks"] = blocks }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FakeSlack.BotToken);

        using var response = await http.SendAsync(request, Token);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.False((bool?)body["ok"]);
        Assert.Equal("invalid_blocks", (string?)body["error"]);
        Assert.Empty(slack.Messages);
        Assert.Equal("/blocks", Assert.Single(slack.Violations).Location);
        await Assert.ThrowsAsync<PayloadConformanceException>(async () => await slack.DisposeAsync());
    }

    [Fact]
    public async Task BrokenResponseUrlPost_IsA400_AndIsRecorded()
    {
        var slack = await FakeSlack.StartAsync(FakeClock.Create());
        using var http = new HttpClient();
        var url = slack.NewResponseUrl("C0CHAN", "U0USER");
        var payload = new JsonObject { ["text"] = "hi", ["blocks"] = new JsonArray(new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = new string('h', 151) } }) };

        using var response = await http.PostAsync(new Uri(url), new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_blocks", await response.Content.ReadAsStringAsync(Token));
        Assert.Empty(slack.Responses);
        Assert.Equal("/blocks/0/text/text", Assert.Single(slack.Violations).Location);
        await Assert.ThrowsAsync<PayloadConformanceException>(async () => await slack.DisposeAsync());
    }

    [Fact]
    public async Task HttpAnswer_ServerErrorOnASlashCommand_IsRecorded()
    {
        var answers = new AnswerConformance();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IStartupFilter>(answers);
        await using var app = builder.Build();
        app.MapPost(AnswerConformance.SlackCommandsPath, (HttpContext context) => context.Response.StatusCode = 500);
        using var http = new HttpClient { BaseAddress = await LoopbackServer.StartAsync(app) };

        using var response = await http.PostAsync(new Uri(AnswerConformance.SlackCommandsPath.TrimStart('/'), UriKind.Relative), new StringContent("command=%2Fhelp", Encoding.UTF8, "application/x-www-form-urlencoded"), Token);

        Assert.Equal(1, answers.Checked);
        Assert.Contains("500", Assert.Single(answers.Violations).Rule, StringComparison.Ordinal);
        Assert.Throws<PayloadConformanceException>(answers.ThrowIfUnexpected);
    }
}
