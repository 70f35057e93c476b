using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Delivery;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;
using SeedanceBot.Slack.Adapter;
using SeedanceBot.Testing.Http;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Slack.Tests.Adapter;

/// <summary>Status and delivery through the real adapter against the fake Slack: the upload flow, threads, channels the bot is not in, no duplicates.</summary>
public sealed class SlackPlatformTests : IAsyncLifetime
{
    private const string Channel = "C0CHAN";
    private const string Requester = "U0ALICE";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);
    private static readonly byte[] Video = [.. Enumerable.Range(0, 4096).Select(i => (byte)i)];
    private SlackHarness _harness = null!;
    private StubHttpServer _media = null!;
    private int _downloads;

    private FakeSlack Slack => _harness.Slack;

    private IChatPlatform Platform => _harness.Get<IEnumerable<IChatPlatform>>().Single(p => p.Name == "slack");

    public async ValueTask InitializeAsync()
    {
        _harness = await SlackHarness.StartAsync();
        _media = await StubHttpServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref _downloads);
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

    private BotJob NewJob(string channel = Channel, string prompt = "a fox in the snow")
    {
        var now = _harness.Time.GetUtcNow();
        return new BotJob
        {
            Id = "k7m2qx9p",
            Origin = new ChatOrigin("slack", FakeSlack.TeamId, channel),
            UserId = Requester,
            Request = new VideoRequest { Prompt = prompt, DurationSeconds = 5, Seed = 42 },
            Seconds = 5,
            CreatedAt = now,
            State = JobState.Succeeded,
            FinishedAt = now,
            VideoUrl = new Uri(_media.BaseAddress, "video.mp4"),
            ReplyContext = new SlackReplyContext(new Uri(Slack.NewResponseUrl(channel, Requester)), now).Serialize(),
        };
    }

    private async Task<BotJob> ShowStatusAsync(BotJob job)
    {
        var id = await Drive(Platform.ShowStatusAsync(job, JobMessages.Status(job with { State = JobState.Running }, _harness.Time.GetUtcNow()), CancellationToken.None));
        return job with { StatusMessageId = id };
    }

    /// <summary>Posts into one channel are paced a second apart on the fake clock: move it while the work waits.</summary>
    private Task<T> Drive<T>(Task<T> work) => _harness.Time.DriveAsync(work, Step);

    private Task<string?> DeliverAsync(BotJob job, bool isRetry = false) =>
        _harness.Time.DriveAsync(Platform.DeliverAsync(job, JobMessages.Delivery(job, _harness.Time.GetUtcNow()), isRetry, CancellationToken.None), Step);

    [Fact]
    public async Task Status_IsPostedInTheChannel_ThenEditedInPlace()
    {
        var job = await ShowStatusAsync(NewJob());
        var again = await Drive(Platform.ShowStatusAsync(job, JobMessages.Status(job with { State = JobState.Running, Progress = 60 }, _harness.Time.GetUtcNow()), CancellationToken.None));

        var status = Assert.Single(Slack.MessagesIn(Channel));
        Assert.Equal(job.StatusMessageId, again);
        Assert.Equal($"{Channel}|{status.Ts}", again);
        Assert.Contains("Generating 60%", status.Text, StringComparison.Ordinal);
        Assert.Single(Slack.Requests, r => r.ApiMethod == "chat.postMessage");
        Assert.Single(Slack.Requests, r => r.ApiMethod == "chat.update");
        Assert.DoesNotContain("<@", status.Payload.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_UploadsTheMp4IntoTheStatusThread_MentioningOnlyTheRequester_AndTurnsTheStatusIntoTheResultCard()
    {
        var job = await ShowStatusAsync(NewJob());

        await DeliverAsync(job);

        var file = Assert.Single(Slack.Files.Values);
        Assert.Equal(Video, file.Content);
        Assert.Equal("seedance-k7m2qx9p.mp4", file.Name);
        Assert.Equal(Channel, file.Channel);
        var card = Slack.MessagesIn(Channel).Single(m => m.ThreadTs is null);
        Assert.Equal(card.Ts, file.ThreadTs);
        Assert.StartsWith($"<@{Requester}> Your video is ready.", file.InitialComment, StringComparison.Ordinal);
        Assert.Contains("SeedanceBot · job k7m2qx9p", file.InitialComment, StringComparison.Ordinal);
        var upload = Slack.Requests.Single(r => r.ApiMethod == "files.getUploadURLExternal");
        Assert.True(upload.IsForm);
        Assert.Equal("4096", upload.Form["length"]);
        Assert.Equal(["sb_reroll", "sb_fresh_link", "sb_delete"], card.ActionIds);
        Assert.DoesNotContain(file.Id, card.Payload.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("42", card.Payload["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<@", card.Payload.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_VideoOverTheUploadLimit_PostsTheLinkInTheThread()
    {
        await using var small = await SlackHarness.StartAsync(new() { ["Slack:MaxUploadBytes"] = "1000", ["Slack:BroadcastResults"] = "true" });
        var platform = small.Get<IEnumerable<IChatPlatform>>().Single(p => p.Name == "slack");
        var job = NewJob();
        job = job with { StatusMessageId = await small.Time.DriveAsync(platform.ShowStatusAsync(job, JobMessages.Status(job, small.Time.GetUtcNow()), CancellationToken.None), Step) };

        await small.Time.DriveAsync(platform.DeliverAsync(job, JobMessages.Delivery(job, small.Time.GetUtcNow()), false, CancellationToken.None), Step);

        Assert.Empty(small.Slack.Files);
        var reply = small.Slack.MessagesIn(Channel).Single(m => m.ThreadTs is not null);
        Assert.StartsWith($"<@{Requester}> Your video is ready.", reply.Text, StringComparison.Ordinal);
        Assert.Contains(job.VideoUrl!.AbsoluteUri, reply.Payload.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(true, (bool?)reply.Payload["reply_broadcast"]);
    }

    [Fact]
    public async Task Deliver_Retried_FindsTheEarlierUpload_AndDoesNotPostTwice()
    {
        var job = await ShowStatusAsync(NewJob());
        await DeliverAsync(job);

        await DeliverAsync(job, isRetry: true);

        Assert.Single(Slack.Files);
        Assert.Single(Slack.Requests, r => r.ApiMethod == "files.completeUploadExternal");
        Assert.Equal(1, _downloads);
        Assert.Contains(_harness.Logs.Entries, e => e.EventId.Name == "SlackResultAlreadyPosted");
    }

    [Fact]
    public async Task Deliver_FailedJob_PostsWhyInTheThread_WithoutButtons()
    {
        var job = await ShowStatusAsync(NewJob() with { State = JobState.Failed, VideoUrl = null, Failure = "The prompt was refused by moderation." });

        await DeliverAsync(job);

        var reply = Slack.MessagesIn(Channel).Single(m => m.ThreadTs is not null);
        Assert.Contains("Nothing was charged", reply.Text, StringComparison.Ordinal);
        Assert.Empty(Slack.Files);
        Assert.Empty(Slack.MessagesIn(Channel).Single(m => m.ThreadTs is null).ActionIds);
    }

    [Fact]
    public async Task Status_InAPublicChannelTheBotIsNotIn_JoinsItAndPosts()
    {
        Slack.ChannelsWithoutBot.Add("C0OTHER");

        var job = await ShowStatusAsync(NewJob("C0OTHER"));

        Assert.Single(Slack.Requests, r => r.ApiMethod == "conversations.join");
        Assert.StartsWith("C0OTHER|", job.StatusMessageId, StringComparison.Ordinal);
        Assert.Single(Slack.MessagesIn("C0OTHER"));
    }

    [Fact]
    public async Task Status_InAPrivateChannelTheBotIsNotIn_TellsTheUser_ContinuesInADm_AndSharesTheLinkThroughTheResponseUrl()
    {
        Slack.ChannelsWithoutBot.Add("G0PRIVATE");

        var job = await ShowStatusAsync(NewJob("G0PRIVATE"));
        await DeliverAsync(job);

        Assert.Equal(2, Slack.Responses.Count);
        var notice = Slack.Responses[0];
        Assert.Equal("ephemeral", notice.ResponseType);
        Assert.Contains("/invite", notice.Text, StringComparison.Ordinal);
        var shared = Assert.Single(Slack.MessagesIn("G0PRIVATE"));
        Assert.Equal("response_url", shared.Via);
        Assert.StartsWith($"<@{Requester}> Your video is ready.", shared.Text, StringComparison.Ordinal);
        Assert.Contains(job.VideoUrl!.AbsoluteUri, shared.Text, StringComparison.Ordinal);
        var dm = "D" + Requester;
        Assert.StartsWith(dm + "|", job.StatusMessageId, StringComparison.Ordinal);
        Assert.Equal(dm, Assert.Single(Slack.Files.Values).Channel);
        Assert.Contains(_harness.Logs.Entries, e => e.EventId.Name == "SlackNotInChannel");
    }

    [Fact]
    public async Task Status_WhoseMessageWasDeleted_IsPostedAgain()
    {
        var job = await ShowStatusAsync(NewJob());
        Slack.Messages.Clear();

        var id = await Drive(Platform.ShowStatusAsync(job, JobMessages.Status(job with { State = JobState.Running }, _harness.Time.GetUtcNow()), CancellationToken.None));

        Assert.NotEqual(job.StatusMessageId, id);
        Assert.Single(Slack.MessagesIn(Channel));
    }

    [Fact]
    public async Task Deliver_InAPublicChannelPostableWithoutMembership_JoinsToShareTheFile()
    {
        Slack.ChannelsWithoutBot.Add("C0PUBLIC");
        Slack.PostableWithoutMembership.Add("C0PUBLIC");
        var job = await ShowStatusAsync(NewJob("C0PUBLIC"));

        await DeliverAsync(job);

        Assert.Single(Slack.Requests, r => r.ApiMethod == "conversations.join");
        var file = Assert.Single(Slack.Files.Values);
        Assert.Equal("C0PUBLIC", file.Channel);
        Assert.Equal(2, Slack.Requests.Count(r => r.ApiMethod == "files.completeUploadExternal"));
        Assert.Single(Slack.Requests, r => r.ApiMethod == "files.getUploadURLExternal");
    }

    [Fact]
    public async Task Deliver_UploadedVideo_WithBroadcastOn_AlsoRepliesToTheChannel()
    {
        await using var broadcast = await SlackHarness.StartAsync(new() { ["Slack:BroadcastResults"] = "true" });
        var platform = broadcast.Get<IEnumerable<IChatPlatform>>().Single(p => p.Name == "slack");
        var job = NewJob();
        job = job with { StatusMessageId = await broadcast.Time.DriveAsync(platform.ShowStatusAsync(job, JobMessages.Status(job, broadcast.Time.GetUtcNow()), CancellationToken.None), Step) };

        await broadcast.Time.DriveAsync(platform.DeliverAsync(job, JobMessages.Delivery(job, broadcast.Time.GetUtcNow()), false, CancellationToken.None), Step);

        Assert.Single(broadcast.Slack.Files);
        var note = broadcast.Slack.MessagesIn(Channel).Single(m => m.ThreadTs is not null && m.Via != "upload");
        Assert.Equal(true, (bool?)note.Payload["reply_broadcast"]);
        Assert.StartsWith($"<@{Requester}> Your video is ready. (the video is in the thread)", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ReturnsAHandle_NamingTheCardAndTheUploadedFile()
    {
        var job = await ShowStatusAsync(NewJob());

        var handle = await DeliverAsync(job);

        var card = Slack.MessagesIn(Channel).Single(m => m.ThreadTs is null);
        var file = Assert.Single(Slack.Files.Values);
        Assert.NotNull(handle);
        var json = System.Text.Json.Nodes.JsonNode.Parse(handle)!;
        Assert.Equal(Channel, (string?)json["card"]!["channel"]);
        Assert.Equal(card.Ts, (string?)json["card"]!["ts"]);
        Assert.Equal([file.Id], json["files"]!.AsArray().Select(f => (string?)f));
        Assert.Empty(json["replies"]!.AsArray());
    }

    [Fact]
    public async Task Deliver_LinkedResult_ReturnsAHandle_NamingItsThreadReply()
    {
        await using var small = await SlackHarness.StartAsync(new() { ["Slack:MaxUploadBytes"] = "1000" });
        var platform = small.Get<IEnumerable<IChatPlatform>>().Single(p => p.Name == "slack");
        var job = NewJob();

        var handle = await small.Time.DriveAsync(platform.DeliverAsync(job, JobMessages.Delivery(job, small.Time.GetUtcNow()), false, CancellationToken.None), Step);

        var reply = small.Slack.MessagesIn(Channel).Single(m => m.ThreadTs is not null);
        var json = System.Text.Json.Nodes.JsonNode.Parse(handle!)!;
        Assert.Equal(reply.ThreadTs, (string?)json["card"]!["ts"]);
        Assert.Equal([reply.Ts], json["replies"]!.AsArray().Select(r => (string?)r!["ts"]));
        Assert.Empty(json["files"]!.AsArray());
    }

    [Fact]
    public async Task Deliver_Retried_AfterTheUpload_ReturnsTheSameHandle()
    {
        var job = await ShowStatusAsync(NewJob());
        var first = await DeliverAsync(job);

        var again = await DeliverAsync(job, isRetry: true);

        Assert.Equal(first, again);
    }

    [Theory]
    [InlineData("")]
    [InlineData("C0CHAN><!channel>")]
    public async Task Deliver_JobWithoutAUsableChannel_GoesToTheRequestersDm_WithoutThrowing(string channel)
    {
        var job = NewJob(channel);

        var handle = await DeliverAsync(job);

        var dm = "D" + Requester;
        Assert.Equal(dm, (string?)System.Text.Json.Nodes.JsonNode.Parse(handle!)!["card"]!["channel"]);
        Assert.Equal(dm, Assert.Single(Slack.Files.Values).Channel);
        Assert.DoesNotContain(Slack.Requests, r => r.ApiMethod == "chat.postMessage" && r.BodyText.Contains("%3C%21channel", StringComparison.Ordinal));
    }
}
