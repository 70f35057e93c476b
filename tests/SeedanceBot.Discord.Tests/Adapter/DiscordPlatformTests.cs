using System.Text.Json.Nodes;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Delivery;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;
using SeedanceBot.Discord.Adapter;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Http;

namespace SeedanceBot.Discord.Tests.Adapter;

/// <summary>Status and delivery through the real adapter against the fake Discord: attachments, token expiry, fallbacks, no duplicates.</summary>
public sealed class DiscordPlatformTests : IAsyncLifetime
{
    private const string Channel = "1200000000000000222";
    private const string Requester = "1100000000000000111";
    private static readonly byte[] Video = [.. Enumerable.Range(0, 4096).Select(i => (byte)i)];
    private DiscordHarness _harness = null!;
    private StubHttpServer _media = null!;

    private FakeDiscord Discord => _harness.Discord;

    private IChatPlatform Platform => _harness.Get<IEnumerable<IChatPlatform>>().Single(p => p.Name == "discord");

    public async ValueTask InitializeAsync()
    {
        _harness = await DiscordHarness.StartAsync();
        _media = await StubHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = "video/mp4";
            context.Response.ContentLength = Video.Length;
            await context.Response.Body.WriteAsync(Video);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _media.DisposeAsync();
        await _harness.DisposeAsync();
    }

    private BotJob NewJob(string prompt = "a fox in the snow", long? sizeLimit = null)
    {
        var interaction = Discord.NewInteraction(2, new JsonObject { ["name"] = "video" });
        var now = _harness.Time.GetUtcNow();
        return new BotJob
        {
            Id = "k7m2qx9p",
            Origin = new ChatOrigin("discord", "1200000000000000000", Channel),
            UserId = Requester,
            Request = new VideoRequest { Prompt = prompt, DurationSeconds = 5, Seed = 42 },
            Seconds = 5,
            CreatedAt = now,
            State = JobState.Succeeded,
            FinishedAt = now,
            VideoUrl = new Uri(_media.BaseAddress, "video.mp4"),
            ReplyContext = new DiscordReplyContext((string)interaction["id"]!, FakeDiscord.ApplicationId, (string)interaction["token"]!, now, sizeLimit).Serialize(),
        };
    }

    private async Task<BotJob> ShowStatusAsync(BotJob job)
    {
        var id = await Platform.ShowStatusAsync(job, JobMessages.Status(job with { State = JobState.Running }, _harness.Time.GetUtcNow()), CancellationToken.None);
        return job with { StatusMessageId = id };
    }

    [Fact]
    public async Task Deliver_InsideTokenWindow_EditsStatus_AndFollowsUpWithTheMp4_PingingOnlyTheRequester()
    {
        var job = await ShowStatusAsync(NewJob());

        await Platform.DeliverAsync(job, JobMessages.Delivery(job, _harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None);

        var messages = Discord.MessagesIn(Channel);
        Assert.Equal(2, messages.Count);
        Assert.Equal("original", messages[0].Via);
        Assert.StartsWith("Done in", messages[0].Content, StringComparison.Ordinal);
        var result = messages[1];
        Assert.Equal("followup", result.Via);
        Assert.StartsWith($"<@{Requester}> Your video is ready.", result.Content, StringComparison.Ordinal);
        Assert.Equal($$"""{"parse":[],"users":["{{Requester}}"],"replied_user":false}""", result.Payload["allowed_mentions"]!.ToJsonString());
        Assert.Equal(Video, result.File!.Content);
        Assert.Equal("video/mp4", result.File.ContentType);
        Assert.Equal("SeedanceBot · job k7m2qx9p", result.FooterText);
        var buttons = result.Payload["components"]![0]!["components"]!.AsArray().Select(b => (string?)b!["custom_id"]);
        Assert.Equal(["sb:reroll:k7m2qx9p", "sb:fresh_link:k7m2qx9p", "sb:delete:k7m2qx9p"], buttons);
        Assert.Contains("42", result.Payload["embeds"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_AfterTokenExpired_PostsInChannelWithBotToken_AsAReplyWithEnforcedNonce()
    {
        var job = await ShowStatusAsync(NewJob());
        _harness.Time.Advance(TimeSpan.FromMinutes(16));

        await Platform.DeliverAsync(job, JobMessages.Delivery(job, _harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None);

        var channelPosts = Discord.Requests.Where(r => r.Method == "POST" && r.Path == $"/channels/{Channel}/messages").ToList();
        Assert.Equal(2, channelPosts.Count);
        Assert.All(channelPosts, r => Assert.Equal("Bot " + FakeDiscord.BotToken, r.Authorization));
        var result = Discord.MessagesIn(Channel).Single(m => m.FooterText is not null);
        Assert.Equal("channel", result.Via);
        Assert.Equal("sb-k7m2qx9p", (string?)result.Payload["nonce"]);
        Assert.True((bool?)result.Payload["enforce_nonce"]);
        Assert.NotNull(result.Payload["message_reference"]?["message_id"]);
        Assert.Equal(Video, result.File!.Content);
        Assert.DoesNotContain(Discord.Requests, r => r.Path.StartsWith("/webhooks/", StringComparison.Ordinal) && r.Method == "POST");
    }

    [Fact]
    public async Task Deliver_WhenTheBotMayNotPostInTheChannel_SendsADirectMessage()
    {
        var job = NewJob();
        _harness.Time.Advance(TimeSpan.FromMinutes(16));
        Discord.ChannelsWithoutAccess.Add(Channel);

        await Platform.DeliverAsync(job, JobMessages.Delivery(job, _harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None);

        var dm = Assert.Single(Discord.MessagesIn("dm-" + Requester));
        Assert.Equal("SeedanceBot · job k7m2qx9p", dm.FooterText);
        Assert.Contains(_harness.Logs.Entries, e => e.EventId.Name == "DiscordFallingBackToDm");
    }

    [Fact]
    public async Task Deliver_RetriedAfterACrashBetweenPostAndRecord_DoesNotPostTwice()
    {
        var job = await ShowStatusAsync(NewJob());
        var result = JobMessages.Delivery(job, _harness.Time.GetUtcNow());
        await Platform.DeliverAsync(job, result, isRetry: false, CancellationToken.None);

        // The engine never recorded "delivered": it calls again with isRetry, within the token window and after it.
        await Platform.DeliverAsync(job, result, isRetry: true, CancellationToken.None);
        _harness.Time.Advance(TimeSpan.FromMinutes(20));
        await Platform.DeliverAsync(job, result, isRetry: true, CancellationToken.None);

        Assert.Single(Discord.MessagesIn(Channel), m => m.FooterText is not null);
    }

    [Fact]
    public async Task Deliver_VideoOverTheUploadLimit_PostsTheLinkWithoutDownloadingIt()
    {
        var job = await ShowStatusAsync(NewJob(sizeLimit: 1024));

        await Platform.DeliverAsync(job, JobMessages.Delivery(job, _harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None);

        var result = Discord.MessagesIn(Channel).Single(m => m.FooterText is not null);
        Assert.Null(result.File);
        Assert.Contains(job.VideoUrl!.AbsoluteUri, result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EchoedPrompt_NeverPingsEveryoneOrRoles_InStatusOrResult()
    {
        var job = await ShowStatusAsync(NewJob("@everyone look <@&1200000000000000444> @here *bold*"));

        await Platform.DeliverAsync(job, JobMessages.Delivery(job, _harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None);

        var messages = Discord.MessagesIn(Channel);
        Assert.Equal(2, messages.Count);
        foreach (var message in messages)
        {
            Assert.Equal("[]", message.Payload["allowed_mentions"]!["parse"]!.ToJsonString());
            var shown = Strings(message.Payload).ToList();
            Assert.Contains(shown, s => s.Contains("look", StringComparison.Ordinal) || s.StartsWith("Done", StringComparison.Ordinal));
            Assert.All(shown, s =>
            {
                Assert.DoesNotContain("@everyone", s, StringComparison.Ordinal);
                Assert.DoesNotContain("@here", s, StringComparison.Ordinal);
                Assert.DoesNotContain("<@&", s, StringComparison.Ordinal);
            });
        }

        var result = messages.Single(m => m.FooterText is not null);
        Assert.Contains(Strings(result.Payload["embeds"]), s => s.Contains(@"\*bold\*", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_AfterTheToken_IsAChannelMessage_EditedUntilItIsAnHourOld_ThenReplaced()
    {
        var job = NewJob() with { State = JobState.Running };
        _harness.Time.Advance(TimeSpan.FromMinutes(16));
        var first = await Platform.ShowStatusAsync(job, JobMessages.Status(job, _harness.Time.GetUtcNow()), CancellationToken.None);
        job = job with { StatusMessageId = first };

        _harness.Time.Advance(TimeSpan.FromMinutes(30));
        var edited = await Platform.ShowStatusAsync(job, JobMessages.Status(job, _harness.Time.GetUtcNow()), CancellationToken.None);
        _harness.Time.Advance(TimeSpan.FromMinutes(30));
        var replaced = await Platform.ShowStatusAsync(job with { StatusMessageId = edited }, JobMessages.Status(job, _harness.Time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(first, edited);
        Assert.NotEqual(first, replaced);
        Assert.Single(Discord.Requests, r => r.Method == "PATCH" && r.Path.StartsWith("/channels/", StringComparison.Ordinal));
        Assert.Equal(2, Discord.Requests.Count(r => r.Method == "POST" && r.Path == $"/channels/{Channel}/messages"));
        Assert.DoesNotContain(Discord.Requests, r => r.Path.StartsWith("/webhooks/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deliver_ReturnsAHandleNamingWhatItPosted_FollowUpChannelMessageOrDm()
    {
        var job = await ShowStatusAsync(NewJob());
        var followUp = await Platform.DeliverAsync(job, JobMessages.Delivery(job, _harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None);
        _harness.Time.Advance(TimeSpan.FromMinutes(16));
        var second = job with { Id = "second01" };
        var inChannel = await Platform.DeliverAsync(second, JobMessages.Delivery(second, _harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None);
        Discord.ChannelsWithoutAccess.Add(Channel);
        var third = job with { Id = "third001" };
        var direct = await Platform.DeliverAsync(third, JobMessages.Delivery(third, _harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None);

        string IdOf(string channel, string jobId) => Discord.MessagesIn(channel).Single(m => m.FooterText == "SeedanceBot · job " + jobId).Id;
        Assert.Equal($"f:{Channel}:{IdOf(Channel, job.Id)}", followUp);
        Assert.Equal($"c:{Channel}:{IdOf(Channel, second.Id)}", inChannel);
        Assert.Equal($"c:dm-{Requester}:{IdOf("dm-" + Requester, third.Id)}", direct);
    }

    /// <summary>Every string value in a JSON tree, unescaped: what Discord would render.</summary>
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}
