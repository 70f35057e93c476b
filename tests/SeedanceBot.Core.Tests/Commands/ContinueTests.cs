using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Http;
using SeedanceBot.Testing.Images;

namespace SeedanceBot.Core.Tests.Commands;

/// <summary>
/// Continue through Core: a finished video's last frame (downloaded over real HTTP from a stub of the provider's file
/// host) becomes the first frame of a new job of the caller, with the earlier clip's settings; everything that cannot
/// be continued is refused before anything is fetched, charged or sent.
/// </summary>
public sealed class ContinueTests : IAsyncDisposable
{
    private static readonly ChatUser Alice = new("U1", "user U1");
    private static readonly ChatUser Bob = new("U2", "user U2");

    private readonly byte[] _frame = TestImages.Png(1280, 720);
    private readonly ConcurrentQueue<string> _frameRequests = new();
    private StubHttpServer? _files;

    private async Task<CoreHarness> CoreAsync(Dictionary<string, string?>? settings = null, int frameStatus = StatusCodes.Status200OK)
    {
        _files = await StubHttpServer.StartAsync(async context =>
        {
            _frameRequests.Enqueue(context.Request.Path);
            context.Response.StatusCode = frameStatus;
            if (frameStatus == StatusCodes.Status200OK)
            {
                context.Response.ContentType = "image/png";
                await context.Response.Body.WriteAsync(_frame);
            }
        });
        var core = new CoreHarness(settings);
        core.Provider.Capabilities = core.Provider.Capabilities with { Images = ImageInputLimits.Seedance };
        core.Provider.LastFrameBase = new Uri(_files.BaseAddress, "/frames/");
        return core;
    }

    /// <summary>A /video of <paramref name="user"/> run to its delivered result.</summary>
    private static async Task<BotJob> FinishedAsync(CoreHarness core, string prompt = "a fox in the snow --ar 9:16 --duration 6 --style anime --motion low", ChatUser? user = null)
    {
        var reply = await core.Router.HandleAsync(new ChatCommand("video", CoreHarness.Origin(), user ?? Alice, prompt), CancellationToken.None);
        Assert.Null(reply.Message);
        await core.RunForAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(5));
        var job = core.Store.All.Single(j => j.Id == reply.JobId);
        Assert.Equal(JobState.Succeeded, job.State);
        return job;
    }

    public async ValueTask DisposeAsync()
    {
        if (_files is not null)
        {
            await _files.DisposeAsync();
        }
    }

    [Fact]
    public async Task Continue_FinishedVideo_SubmitsANewJobWhoseFirstFrameIsItsLastFrame()
    {
        using var core = await CoreAsync();
        var first = await FinishedAsync(core);
        var actions = core.Get<JobActions>();

        var reply = await actions.ContinueAsync(first.Id, "  the fox leaps over the stream ", CoreHarness.Origin(), Bob, "ctx", CancellationToken.None);
        await core.PassAsync();

        Assert.Null(reply.Message);
        var next = core.Store.All.Single(j => j.Id == reply.JobId);
        Assert.Equal((Bob.UserId, first.Id, "ctx"), (next.UserId, next.Request.ContinuesJobId, next.ReplyContext));
        var sent = core.Provider.Requests.Last();
        Assert.Equal("the fox leaps over the stream", sent.Prompt);
        Assert.Equal((AspectRatio.Portrait, 6, "anime", MotionLevel.Low), (sent.AspectRatio, sent.DurationSeconds, sent.Style, sent.Motion));
        Assert.NotEqual(first.Request.Seed, sent.Seed);
        var image = Assert.Single(sent.Images!);
        Assert.Equal((ImageRole.FirstFrame, "image/png", 1280, 720), (image.Role, image.ContentType, image.Width, image.Height));
        Assert.Equal(_frame, image.Content);
        Assert.Equal($"/frames/{first.ProviderJobId}-last.png", Assert.Single(_frameRequests));
    }

    [Fact]
    public async Task Result_WithALastFrame_OffersContinue_AndAContinuationNamesTheClipItContinues()
    {
        using var core = await CoreAsync();
        var first = await FinishedAsync(core);
        var reply = await core.Get<JobActions>().ContinueAsync(first.Id, "the fox leaps", CoreHarness.Origin(), Alice, null, CancellationToken.None);
        await core.RunForAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(5));

        var firstResult = core.Platform.Deliveries.First(d => d.JobId == first.Id).Message;
        Assert.Equal([ChatAction.Continue, ChatAction.Reroll, ChatAction.FreshLink, ChatAction.Delete], firstResult.Actions.Select(a => a.Id));
        var secondResult = core.Platform.Deliveries.First(d => d.JobId == reply.JobId).Message;
        Assert.Equal($"job {first.Id}", secondResult.Fields.Single(f => f.Label == "Continues").Value);
    }

    [Fact]
    public async Task Result_WithoutALastFrame_HasNoContinueButton()
    {
        using var core = await CoreAsync();
        core.Provider.LastFrameBase = null;
        var first = await FinishedAsync(core);

        var result = core.Platform.Deliveries.First(d => d.JobId == first.Id).Message;

        Assert.DoesNotContain(result.Actions, a => a.Id == ChatAction.Continue);
        Assert.False(first.HasLastFrame);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "running", "Only a finished video can be continued." },
        { "no-last-frame", "did not return the last frame" },
        { "other-workspace", "That video is no longer known to me." },
        { "unknown-job", "That video is no longer known to me." },
        { "expired", "Its last frame is gone: the video API keeps a video's frames for 24h 00m." },
        { "empty-prompt", "the prompt of the next shot is empty" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Continue_ThatCannotBeMade_IsRefusedBeforeAnyDownloadChargeOrCall(string situation, string expected)
    {
        using var core = await CoreAsync();
        core.Provider.Capabilities = core.Provider.Capabilities with { VideoLinkLifetime = TimeSpan.FromHours(24) };
        if (situation == "no-last-frame")
        {
            core.Provider.LastFrameBase = null;
        }

        BotJob job;
        if (situation == "running")
        {
            var reply = await core.SendAsync("video", "a fox in the snow");
            await core.PassAsync();
            job = core.Store.All.Single(j => j.Id == reply.JobId);
        }
        else
        {
            job = await FinishedAsync(core);
        }

        if (situation == "expired")
        {
            core.Time.Advance(TimeSpan.FromHours(25));
        }

        var jobs = core.Store.All.Count;
        var submits = core.Provider.Submits;
        var actions = core.Get<JobActions>();
        var origin = situation == "other-workspace" ? CoreHarness.Origin("W2") : CoreHarness.Origin();
        var jobId = situation == "unknown-job" ? "nosuchjob" : job.Id;

        var refusal = situation == "empty-prompt" ? null : await actions.ContinueRefusalAsync(jobId, origin, CancellationToken.None);
        var answer = await actions.ContinueAsync(jobId, situation == "empty-prompt" ? "  " : "the fox leaps", origin, Alice, null, CancellationToken.None);
        await core.PassAsync();

        Assert.Contains(expected, answer.Message!.Text, StringComparison.Ordinal);
        Assert.Equal(ChatTone.Error, answer.Message.Tone);
        if (situation != "empty-prompt")
        {
            Assert.Equal(answer.Message.Text, refusal!.Text);
        }

        Assert.Equal((jobs, submits), (core.Store.All.Count, core.Provider.Submits));
        Assert.Empty(_frameRequests);
    }

    [Fact]
    public async Task ContinueRefusal_ContinuableVideo_IsNull()
    {
        using var core = await CoreAsync();
        var first = await FinishedAsync(core);

        Assert.Null(await core.Get<JobActions>().ContinueRefusalAsync(first.Id, CoreHarness.Origin(), CancellationToken.None));
    }

    [Fact]
    public async Task Continue_LastFrameCannotBeDownloaded_SaysSoAndMakesNothing()
    {
        using var core = await CoreAsync(frameStatus: StatusCodes.Status403Forbidden);
        var first = await FinishedAsync(core);
        var jobs = core.Store.All.Count;

        var reply = await core.Get<JobActions>().ContinueAsync(first.Id, "the fox leaps", CoreHarness.Origin(), Alice, null, CancellationToken.None);

        Assert.Contains($"I couldn't fetch the last frame of job {first.Id}", reply.Message!.Text, StringComparison.Ordinal);
        Assert.Equal(jobs, core.Store.All.Count);
        Assert.Single(_frameRequests);
    }

    [Fact]
    public async Task Continue_OverTheCallersQuota_IsRefusedLikeAnyVideo()
    {
        using var core = await CoreAsync(new() { ["Quotas:DailyVideos"] = "1" });
        var first = await FinishedAsync(core);

        var reply = await core.Get<JobActions>().ContinueAsync(first.Id, "the fox leaps", CoreHarness.Origin(), Alice, null, CancellationToken.None);
        var other = await core.Get<JobActions>().ContinueAsync(first.Id, "the fox leaps", CoreHarness.Origin(), Bob, null, CancellationToken.None);

        Assert.Contains("You've made 1 of your 1 videos today.", reply.Message!.Text, StringComparison.Ordinal);
        Assert.Null(other.Message);
        Assert.Equal(2, core.Store.All.Count);
    }

    [Fact]
    public async Task Status_OfAContinuation_ShowsTheStoryOldestFirst()
    {
        using var core = await CoreAsync();
        var actions = core.Get<JobActions>();
        var first = await FinishedAsync(core);
        var second = (await actions.ContinueAsync(first.Id, "the fox leaps", CoreHarness.Origin(), Alice, null, CancellationToken.None)).JobId!;
        await core.RunForAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(5));
        var third = (await actions.ContinueAsync(second, "the fox sleeps", CoreHarness.Origin(), Alice, null, CancellationToken.None)).JobId!;

        var status = await core.SendAsync("status", third);

        Assert.Equal($"job {first.Id} → job {second} → job {third} (this one)", status.Message!.Fields.Single(f => f.Label == "Story").Value);
    }
}
