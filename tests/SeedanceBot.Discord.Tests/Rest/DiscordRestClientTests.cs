using System.Net;
using SeedanceBot.Discord.Contracts;
using SeedanceBot.Discord.Rest;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Discord.Tests.Rest;

/// <summary>The REST client's pipeline (retry, rate limiter, auth) against the fake Discord on a fake clock.</summary>
public sealed class DiscordRestClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private DiscordHarness _harness = null!;

    private FakeDiscord Discord => _harness.Discord;

    private IDiscordRest Rest => _harness.Get<IDiscordRest>();

    public async ValueTask InitializeAsync() => _harness = await DiscordHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private static MessagePayload Hello => new() { Content = "hello" };

    [Fact]
    public async Task RouteLimited_WaitsRetryAfter_ThenSucceeds_WithOneMessage()
    {
        Discord.RateLimitNext("POST channels", 1, 2.5);

        await _harness.Time.DriveAsync(Rest.CreateMessageAsync("1200000000000000222", Hello, null, CancellationToken.None), Step);

        var posts = Discord.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(2, posts.Count);
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromSeconds(2.5), $"retried after {posts[1].At - posts[0].At}");
        Assert.Single(Discord.MessagesIn("1200000000000000222"));
    }

    [Fact]
    public async Task GlobalLimit_HoldsOtherRoutesToo()
    {
        Discord.RateLimitNext("POST channels", 1, 3, global: true);

        var post = Rest.CreateMessageAsync("1200000000000000222", Hello, null, CancellationToken.None);
        await FakeDiscord.WaitUntilAsync(() => _harness.Logs.Entries.Any(e => e.EventId.Name == "DiscordRateLimited"));
        var other = Rest.GetGatewayBotAsync(CancellationToken.None);
        await _harness.Time.DriveAsync(Task.WhenAll(post, other), Step);

        var limitedAt = Discord.Requests.First().At;
        var gateway = Discord.Requests.Single(r => r.Path == "/gateway/bot");
        Assert.True(gateway.At - limitedAt >= TimeSpan.FromSeconds(3), $"the other route went after {gateway.At - limitedAt}");
    }

    [Fact]
    public async Task EveryRequest_CarriesDiscordBotUserAgent_AndBotAuthOnlyOnBotRoutes()
    {
        var interaction = Discord.NewInteraction(2, new() { ["name"] = "help" });
        await Rest.GetGatewayBotAsync(CancellationToken.None);
        await Rest.RespondAsync((string)interaction["id"]!, (string)interaction["token"]!, new InteractionCallback(InteractionCallback.DeferredChannelMessage), CancellationToken.None);

        Assert.All(Discord.Requests, r => Assert.Matches(@"^DiscordBot \(https?://[^,]+, [0-9.]+\)$", r.UserAgent));
        Assert.Equal("Bot " + FakeDiscord.BotToken, Discord.Requests.Single(r => r.Path == "/gateway/bot").Authorization);
        Assert.Empty(Discord.Requests.Single(r => r.Path.StartsWith("/interactions/", StringComparison.Ordinal)).Authorization ?? string.Empty);
    }

    [Fact]
    public async Task MissingAccess_IsNotRetried_AndSaysSo()
    {
        Discord.ChannelsWithoutAccess.Add("1200000000000000999");

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => Rest.CreateMessageAsync("1200000000000000999", Hello, null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Equal(DiscordApiException.MissingAccess, error.Code);
        Assert.True(error.IsAccessProblem);
        Assert.Single(Discord.Requests);
    }

    [Fact]
    public async Task Upload_IsMultipart_WithPayloadJsonAndFiles0()
    {
        byte[] video = [0, 0, 0, 24, 102, 116, 121, 112];
        var file = new DiscordFile("seedance-k7m2qx9p.mp4", video, "video/mp4", "Video made by SeedanceBot");

        await Rest.CreateMessageAsync("1200000000000000222", Hello, file, CancellationToken.None);

        var request = Discord.Requests.Single();
        Assert.StartsWith("multipart/form-data; boundary=", request.ContentType, StringComparison.Ordinal);
        var parts = FakeMultipart.Parse(request.ContentType!, request.Body);
        Assert.Equal(["payload_json", "files[0]"], parts.Select(p => p.Name));
        Assert.Equal("application/json", parts[0].ContentType?.Split(';')[0]);
        Assert.Equal("""{"content":"hello","allowed_mentions":{"parse":[],"replied_user":false},"attachments":[{"id":0,"filename":"seedance-k7m2qx9p.mp4","description":"Video made by SeedanceBot"}]}""", parts[0].Text);
        Assert.Equal("seedance-k7m2qx9p.mp4", parts[1].FileName);
        Assert.Equal("video/mp4", parts[1].ContentType);
        Assert.Equal(video, parts[1].Content);
    }

    [Fact]
    public async Task ExpiredInteractionToken_IsReportedAsExpired()
    {
        var interaction = Discord.NewInteraction(2, new() { ["name"] = "video" });
        _harness.Time.Advance(TimeSpan.FromMinutes(16));

        var error = await Assert.ThrowsAsync<DiscordApiException>(() =>
            Rest.EditOriginalAsync(FakeDiscord.ApplicationId, (string)interaction["token"]!, Hello, null, CancellationToken.None));

        Assert.True(error.IsExpiredToken);
        Assert.Equal(DiscordApiException.UnknownWebhook, error.Code);
    }
}
