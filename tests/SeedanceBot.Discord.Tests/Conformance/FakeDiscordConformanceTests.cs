using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using SeedanceBot.Testing.Conformance;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Discord.Tests.Conformance;

/// <summary>The fake Discord enforces the checker: a broken body is answered as Discord does, recorded, and fails the test at dispose.</summary>
public sealed class FakeDiscordConformanceTests
{
    [Fact]
    public async Task BrokenRestBody_IsRefusedWith50035_Recorded_AndFailsAtDispose()
    {
        var discord = await FakeDiscord.StartAsync(FakeClock.Create());
        using var http = new HttpClient { BaseAddress = discord.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v10/channels/1200000000000000222/messages")
        {
            Content = new StringContent(new JsonObject { ["content"] = new string('a', 2001) }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", FakeDiscord.BotToken);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(50035, (int?)body["code"]);
        Assert.NotNull(body["errors"]!["content"]!["_errors"]);
        Assert.Empty(discord.Messages);
        var violation = Assert.Single(discord.Violations);
        Assert.Equal("/content", violation.Location);
        var failure = await Assert.ThrowsAsync<PayloadConformanceException>(async () => await discord.DisposeAsync());
        Assert.Contains("/content", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedGatewayPayload_IsRecorded()
    {
        var discord = await FakeDiscord.StartAsync(FakeClock.Create());
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(discord.GatewayUrl, TestContext.Current.CancellationToken);
        var frame = Encoding.UTF8.GetBytes(new JsonObject { ["op"] = 3, ["d"] = new JsonObject { ["status"] = new string('x', 5000) } }.ToJsonString());

        await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, TestContext.Current.CancellationToken);
        await FakeDiscord.WaitUntilAsync(() => discord.Violations.Count > 0);

        Assert.Contains(discord.Violations, v => v.Route == DiscordConformance.GatewayRoute && v.Rule.Contains("4,096", StringComparison.Ordinal));
        socket.Abort();
        await Assert.ThrowsAsync<PayloadConformanceException>(async () => await discord.DisposeAsync());
    }
}
