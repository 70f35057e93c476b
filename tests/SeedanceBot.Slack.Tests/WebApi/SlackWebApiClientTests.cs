using System.Net;
using System.Text;
using SeedanceBot.Slack.Contracts;
using SeedanceBot.Slack.WebApi;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Slack.Tests.WebApi;

/// <summary>The Web API client as AddSlack wires it (auth, rate limiter, retry pipeline) over real HTTP against the fake Slack, on a fake clock.</summary>
public sealed class SlackWebApiClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    /// <summary>For waits of many seconds: the assertions are "at least", so a coarse step only makes them quicker.</summary>
    private static readonly TimeSpan LongStep = TimeSpan.FromMilliseconds(250);

    /// <summary>A guard for calls that must not wait on the fake clock: a regression fails the test instead of hanging it.</summary>
    private static readonly TimeSpan NoWait = TimeSpan.FromSeconds(10);

    private SlackHarness _harness = null!;

    private FakeSlack Slack => _harness.Slack;

    private ISlackWebApi Api => _harness.Get<ISlackWebApi>();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await SlackHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private static SlackMessage Hello(string channel) => new() { Channel = channel, Text = "hello" };

    private FakeSlackRequest[] RequestsFor(string apiMethod) => [.. Slack.Requests.Where(r => r.ApiMethod == apiMethod)];

    [Fact]
    public async Task EveryCall_SendsTheBotTokenAsBearer()
    {
        Slack.Users["U0USER"] = new FakeSlackUser("U0USER", "alice");

        var posted = await Api.PostMessageAsync(Hello("C0CHAN"), Token);
        await Api.UpdateMessageAsync(new SlackMessage { Channel = "C0CHAN", Ts = posted.Ts, Text = "edited" }, Token);
        await Api.PostEphemeralAsync("C0CHAN", "U0USER", new SlackMessage { Text = "psst" }, Token);
        await Api.GetUserAsync("U0USER", Token);
        await Api.OpenDirectMessageAsync("U0USER", Token);
        await Api.DeleteMessageAsync("C0CHAN", posted.Ts, Token);

        Assert.Equal(["chat.postMessage", "chat.update", "chat.postEphemeral", "users.info", "conversations.open", "chat.delete"], Slack.Requests.Select(r => r.ApiMethod));
        Assert.All(Slack.Requests, r => Assert.Equal("Bearer " + FakeSlack.BotToken, r.Authorization));
    }

    [Fact]
    public async Task OpenConnectionAsync_SendsTheAppToken_AndReturnsTheSocketUrl()
    {
        var url = await Api.OpenConnectionAsync(Token);

        var request = Assert.Single(Slack.Requests);
        Assert.Equal("apps.connections.open", request.ApiMethod);
        Assert.Equal("POST", request.Method);
        Assert.Equal("Bearer " + FakeSlack.AppToken, request.Authorization);
        Assert.Equal(1, Slack.ConnectionsOpened);
        Assert.Equal("ws", url.Scheme);
        Assert.Equal(Slack.BaseAddress.Authority, url.Authority);
        Assert.Equal("/link/", url.AbsolutePath);
        Assert.Contains("ticket=", url.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessageAsync_OkFalse_ThrowsWithMethodAndError_AndIsNotRepeated()
    {
        Slack.FailNext("chat.postMessage", "channel_not_found");

        var error = await Assert.ThrowsAsync<SlackApiException>(() => Api.PostMessageAsync(Hello("C0GONE"), Token));

        Assert.Equal("chat.postMessage", error.Method);
        Assert.Equal("channel_not_found", error.Error);
        Assert.Equal(HttpStatusCode.OK, error.Status);
        Assert.True(error.IsNotInChannel);
        Assert.Single(Slack.Requests);
        Assert.Empty(Slack.Messages);
    }

    [Fact]
    public async Task PostMessageAsync_NotInChannel_ThrowsNotInChannel()
    {
        Slack.ChannelsWithoutBot.Add("C0PRIV");

        var error = await Assert.ThrowsAsync<SlackApiException>(() => Api.PostMessageAsync(Hello("C0PRIV"), Token));

        Assert.Equal("not_in_channel", error.Error);
        Assert.True(error.IsNotInChannel);
        Assert.Single(Slack.Requests);
    }

    [Fact]
    public async Task PostMessageAsync_RateLimited_WaitsRetryAfterOnTheClock_ThenPostsOnce()
    {
        const int RetryAfter = 5;
        Slack.RateLimitNext("chat.postMessage", 1, RetryAfter);

        var posted = await _harness.Time.DriveAsync(Api.PostMessageAsync(Hello("C0CHAN"), Token), LongStep);

        var posts = RequestsFor("chat.postMessage");
        Assert.Equal(2, posts.Length);
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromSeconds(RetryAfter), $"retried after {posts[1].At - posts[0].At}");
        var message = Assert.Single(Slack.Messages.Values);
        Assert.Equal(posted.Ts, message.Ts);
        Assert.Equal("C0CHAN", posted.Channel);
    }

    [Fact]
    public async Task PostMessageAsync_RateLimited_OtherMethodIsNotHeld()
    {
        var earlier = await Api.PostMessageAsync(Hello("C0OTHER"), Token);
        Slack.RateLimitNext("chat.postMessage", 1, 30);

        var post = Api.PostMessageAsync(Hello("C0CHAN"), Token);
        await FakeSlack.WaitUntilAsync(() => _harness.Logs.Entries.Any(e => e.EventId.Name == "SlackRateLimited"));
        await Api.UpdateMessageAsync(new SlackMessage { Channel = "C0OTHER", Ts = earlier.Ts, Text = "edited" }, Token).WaitAsync(NoWait, Token);

        var limited = RequestsFor("chat.postMessage")[1];
        var update = Assert.Single(RequestsFor("chat.update"));
        Assert.Equal(limited.At, update.At);
        Assert.False(post.IsCompleted, "chat.postMessage should still be held");
        await _harness.Time.DriveAsync(post, LongStep);
        Assert.True(RequestsFor("chat.postMessage")[2].At - limited.At >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task PostMessageAsync_SameChannel_SpacedAtLeastOneSecond()
    {
        await Api.PostMessageAsync(Hello("C0CHAN"), Token).WaitAsync(NoWait, Token);
        await _harness.Time.DriveAsync(Api.PostMessageAsync(Hello("C0CHAN"), Token), Step);

        var posts = RequestsFor("chat.postMessage");
        Assert.Equal(2, posts.Length);
        Assert.True(posts[1].At - posts[0].At >= SlackRateLimiter.ChannelSpacing, $"second post after {posts[1].At - posts[0].At}");
    }

    [Fact]
    public async Task PostMessageAsync_DifferentChannels_NotDelayed()
    {
        var start = _harness.Time.GetUtcNow();

        await Task.WhenAll(Api.PostMessageAsync(Hello("C0ONE"), Token), Api.PostMessageAsync(Hello("C0TWO"), Token)).WaitAsync(NoWait, Token);

        var posts = RequestsFor("chat.postMessage");
        Assert.Equal(2, posts.Length);
        Assert.All(posts, p => Assert.Equal(start, p.At));
        Assert.Equal(["C0ONE", "C0TWO"], Slack.Messages.Values.Select(m => m.Channel).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UpdateMessageAsync_SendsJsonBody_WithNoUnfurlsAndNoParsing()
    {
        var posted = await Api.PostMessageAsync(Hello("C0CHAN"), Token);

        await Api.UpdateMessageAsync(new SlackMessage { Channel = "C0CHAN", Ts = posted.Ts, Text = "done" }, Token);

        var update = Assert.Single(RequestsFor("chat.update"));
        Assert.Equal("application/json; charset=utf-8", update.ContentType);
        Assert.Equal($$"""{"channel":"C0CHAN","ts":"{{posted.Ts}}","text":"done","unfurl_links":false,"unfurl_media":false,"parse":"none"}""", update.BodyText);
        Assert.Equal("done", Slack.Messages[posted.Ts].Text);
    }

    [Fact]
    public async Task PostEphemeralAsync_SendsChannelUserAndText_AsJson()
    {
        await Api.PostEphemeralAsync("C0CHAN", "U0USER", new SlackMessage { Text = "only you" }, Token);

        var request = Assert.Single(RequestsFor("chat.postEphemeral"));
        Assert.Equal("""{"channel":"C0CHAN","text":"only you","unfurl_links":false,"unfurl_media":false,"parse":"none","user":"U0USER"}""", request.BodyText);
    }

    [Fact]
    public async Task UploadFileAsync_FormTicket_UnauthenticatedBytes_JsonComplete()
    {
        var bytes = Encoding.ASCII.GetBytes("\0\0\0\u0018ftypmp42 not really a video");
        var upload = new SlackUpload("seedance-k7m2qx9p.mp4", "A fox", bytes.Length, _ => Task.FromResult<Stream>(new MemoryStream(bytes)), "C0CHAN", "1773568800.000001", "Here is your video");

        var fileId = await Api.UploadFileAsync(upload, Token);

        var requests = Slack.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        var ticket = requests[0];
        Assert.Equal("files.getUploadURLExternal", ticket.ApiMethod);
        Assert.True(ticket.IsForm, ticket.ContentType);
        Assert.Equal("Bearer " + FakeSlack.BotToken, ticket.Authorization);
        Assert.Equal("seedance-k7m2qx9p.mp4", ticket.Form["filename"]);
        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ticket.Form["length"]);

        var bytesPost = requests[1];
        Assert.Equal("POST", bytesPost.Method);
        Assert.Equal("/upload/v1/" + fileId, bytesPost.Path);
        Assert.Null(bytesPost.Authorization);
        Assert.Equal(bytes, bytesPost.Body);

        var complete = requests[2];
        Assert.Equal("files.completeUploadExternal", complete.ApiMethod);
        Assert.True(complete.IsJson, complete.ContentType);
        Assert.Equal("Bearer " + FakeSlack.BotToken, complete.Authorization);
        Assert.Equal($$"""{"files":[{"id":"{{fileId}}","title":"A fox"}],"channel_id":"C0CHAN","thread_ts":"1773568800.000001","initial_comment":"Here is your video"}""", complete.BodyText);

        var file = Slack.Files[fileId];
        Assert.Equal(bytes, file.Content);
        Assert.True(file.Completed);
        Assert.Equal("C0CHAN", file.Channel);
        Assert.Equal("1773568800.000001", file.ThreadTs);
    }

    [Fact]
    public async Task UploadFileAsync_NoThreadNoComment_LeavesThemOut()
    {
        byte[] bytes = [1, 2, 3, 4];
        var upload = new SlackUpload("clip.mp4", "clip", bytes.Length, _ => Task.FromResult<Stream>(new MemoryStream(bytes)), "C0CHAN", null, null);

        var fileId = await Api.UploadFileAsync(upload, Token);

        var complete = Assert.Single(RequestsFor("files.completeUploadExternal"));
        Assert.Equal($$"""{"files":[{"id":"{{fileId}}","title":"clip"}],"channel_id":"C0CHAN"}""", complete.BodyText);
    }

    [Fact]
    public async Task UploadFileAsync_BytesPostFails_ThrowsAndDoesNotComplete()
    {
        Slack.FailNext("upload", "storage_broken");
        byte[] bytes = [1, 2, 3, 4];
        var upload = new SlackUpload("clip.mp4", "clip", bytes.Length, _ => Task.FromResult<Stream>(new MemoryStream(bytes)), "C0CHAN", null, null);

        var error = await Assert.ThrowsAsync<SlackApiException>(() => Api.UploadFileAsync(upload, Token));

        Assert.Equal("upload_failed", error.Error);
        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Single(Slack.Requests, r => r.Path.StartsWith("/upload/", StringComparison.Ordinal));
        Assert.Empty(RequestsFor("files.completeUploadExternal"));
    }

    [Fact]
    public async Task GetUserAsync_IsFormEncoded_AndMapsTheAdminFlags()
    {
        Slack.Users["U0BOSS"] = new FakeSlackUser("U0BOSS", "boss", IsAdmin: true, IsOwner: true);

        var user = await Api.GetUserAsync("U0BOSS", Token);

        var request = Assert.Single(Slack.Requests);
        Assert.Equal("users.info", request.ApiMethod);
        Assert.True(request.IsForm, request.ContentType);
        Assert.Equal("user=U0BOSS", request.BodyText);
        Assert.Equal(new SlackUser("U0BOSS", "boss", IsAdmin: true, IsOwner: true, IsPrimaryOwner: false), user);
    }

    [Fact]
    public async Task GetUserAsync_UnknownUser_ThrowsUserNotFound()
    {
        var error = await Assert.ThrowsAsync<SlackApiException>(() => Api.GetUserAsync("U0NOBODY", Token));

        Assert.Equal("users.info", error.Method);
        Assert.Equal("user_not_found", error.Error);
    }

    [Fact]
    public async Task RespondAsync_PostsJsonWithoutToken()
    {
        var url = new Uri(Slack.NewResponseUrl("C0CHAN", "U0USER"));

        await Api.RespondAsync(url, new SlackMessage { Text = "later", ResponseType = SlackMessage.Ephemeral, ReplaceOriginal = false }, Token);

        var request = Assert.Single(Slack.Requests);
        Assert.Null(request.Authorization);
        Assert.Equal(url.AbsolutePath, request.Path);
        Assert.Equal("""{"text":"later","response_type":"ephemeral","replace_original":false,"unfurl_links":false,"unfurl_media":false,"parse":"none"}""", request.BodyText);
        var response = Assert.Single(Slack.Responses);
        Assert.Equal("later", response.Text);
    }

    [Fact]
    public async Task RespondAsync_AfterThirtyMinutes_ThrowsExpiredUrl()
    {
        var url = new Uri(Slack.NewResponseUrl("C0CHAN", "U0USER"));
        _harness.Time.Advance(TimeSpan.FromMinutes(31));

        var error = await Assert.ThrowsAsync<SlackApiException>(() => Api.RespondAsync(url, new SlackMessage { Text = "too late" }, Token));

        Assert.Equal("response_url", error.Method);
        Assert.Equal("expired_url", error.Error);
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Empty(Slack.Responses);
    }

    [Fact]
    public async Task RespondAsync_SixthUse_ThrowsUsedUrl()
    {
        var url = new Uri(Slack.NewResponseUrl("C0CHAN", "U0USER"));
        for (var i = 0; i < FakeSlack.ResponseUrlUses; i++)
        {
            await Api.RespondAsync(url, new SlackMessage { Text = "update " + i }, Token);
        }

        var error = await Assert.ThrowsAsync<SlackApiException>(() => Api.RespondAsync(url, new SlackMessage { Text = "one too many" }, Token));

        Assert.Equal("used_url", error.Error);
        Assert.Equal(FakeSlack.ResponseUrlUses, Slack.Responses.Count);
    }

    [Fact]
    public async Task RespondAsync_Http500_ThrowsAndIsNotRepeated()
    {
        var url = new Uri(Slack.NewResponseUrl("C0CHAN", "U0USER"));
        Slack.FailNext("response_url", "internal_error");

        var error = await Assert.ThrowsAsync<SlackApiException>(() => Api.RespondAsync(url, new SlackMessage { Text = "once" }, Token));

        Assert.Equal("internal_error", error.Error);
        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Single(Slack.Requests);
    }
}
