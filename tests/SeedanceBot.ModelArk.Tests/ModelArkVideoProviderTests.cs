using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.ModelArk;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.ModelArk.Tests;

/// <summary>The provider as AddModelArk wires it, over real HTTP against the fake ModelArk, on a fake clock.</summary>
public sealed partial class ModelArkVideoProviderTests : IAsyncLifetime
{
    private const string Alice = "slack:T0TEAM:U0ALICE";
    private const string Bob = "slack:T0TEAM:U0BOB";

    /// <summary>For waits of seconds: the assertions are "at least", so a coarse step only makes them quicker.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private ArkHarness _harness = null!;

    private FakeModelArk Ark => _harness.Ark;

    private IVideoProvider Provider => _harness.Provider;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await ArkHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private static VideoRequest Fox(long? seed = 42) => new() { Prompt = "A red fox runs through snow", DurationSeconds = 5, Seed = seed };

    private FakeArkRequest[] Creates => [.. _harness.ApiRequests.Where(r => r.Method == "POST")];

    private FakeArkRequest[] Lists => [.. _harness.ApiRequests.Where(r => r.Method == "GET" && r.Path == ArkHarness.TasksPath)];

    [Fact]
    public async Task SubmitAsync_SingleShot_SendsTheCreateBodyExactly()
    {
        var request = new VideoRequest
        {
            Prompt = "A red fox runs through snow",
            AspectRatio = AspectRatio.Portrait,
            DurationSeconds = 6,
            Seed = 42,
            WebhookUrl = new Uri("https://bot.example/hooks/seedance/job-1/k3y"),
            EndUserId = Alice,
        };

        var submitted = await Provider.SubmitAsync(request, "job-1", Token);

        var create = Assert.Single(Creates);
        var safety = (string)create.Json!["safety_identifier"]!;
        Assert.Equal(
            $$"""{"model":"dreamina-seedance-2-0-260128","content":[{"type":"text","text":"A red fox runs through snow"}],"ratio":"9:16","duration":6,"seed":42,"resolution":"720p","generate_audio":true,"watermark":false,"return_last_frame":true,"callback_url":"https://bot.example/hooks/seedance/job-1/k3y","execution_expires_after":3600,"safety_identifier":"{{safety}}"}""",
            create.Body);
        var task = Assert.Single(Ark.Tasks);
        Assert.Equal(task.Id, submitted.ProviderJobId);
        Assert.Equal(VideoJobState.InProgress, submitted.State);
        Assert.Equal("https://bot.example/hooks/seedance/job-1/k3y", task.CallbackUrl);
    }

    [Fact]
    public async Task SubmitAsync_NoWebhookUserOrDuration_LeavesThoseFieldsOut()
    {
        await Provider.SubmitAsync(new VideoRequest { Prompt = "A lighthouse at dusk", AspectRatio = AspectRatio.Square, Seed = 0 }, "job-1", Token);

        var create = Assert.Single(Creates);
        Assert.Equal(
            """{"model":"dreamina-seedance-2-0-260128","content":[{"type":"text","text":"A lighthouse at dusk"}],"ratio":"1:1","seed":0,"resolution":"720p","generate_audio":true,"watermark":false,"return_last_frame":true,"execution_expires_after":3600}""",
            create.Body);
    }

    [Fact]
    public async Task SubmitAsync_SafetyIdentifier_IsSaltedHexStablePerUser_AndNeverTheRawId()
    {
        await Provider.SubmitAsync(Fox(1) with { EndUserId = Alice }, "job-1", Token);
        await Provider.SubmitAsync(Fox(2) with { EndUserId = Alice }, "job-2", Token);
        await Provider.SubmitAsync(Fox(3) with { EndUserId = Bob }, "job-3", Token);

        var ids = Creates.Select(c => (string)c.Json!["safety_identifier"]!).ToArray();
        Assert.Equal(3, ids.Length);
        Assert.All(ids, id => Assert.Matches(LowerHex64(), id));
        Assert.All(Creates, c => Assert.DoesNotContain("U0ALICE", c.Body, StringComparison.OrdinalIgnoreCase));
        Assert.All(Creates, c => Assert.DoesNotContain("U0BOB", c.Body, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);

        // Salted: not the bare SHA-256 of the chat id, which anyone holding the id could recompute.
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Alice))), ids[0]);
    }

    [Fact]
    public async Task SubmitAsync_Storyboard_IsOneMultiShotPrompt_WithCameraMotionAndStyleAsWords()
    {
        var request = new VideoRequest
        {
            Scenes = [new VideoScene("A fox wakes in its den", 4), new VideoScene(" It runs across the snowy field. ", 3)],
            Camera = new CameraMotion(ZoomDirection.In, PanDirection.Left),
            Motion = MotionLevel.Low,
            Style = "anime",
            Seed = 7,
        };

        await Provider.SubmitAsync(request, "job-1", Token);

        var body = Assert.Single(Creates).Json!;
        Assert.Equal(
            """[{"type":"text","text":"A multi-shot video of 2 shots, in this order. Shot 1 (4 s): A fox wakes in its den. Shot 2 (3 s): It runs across the snowy field. Camera: slow zoom in, pan left. Motion: calm, minimal movement. Style: anime style, cel shading, vivid colours."}]""",
            body["content"]!.ToJsonString());
        Assert.Equal(7, (int)body["duration"]!);
        Assert.Equal("16:9", (string)body["ratio"]!);
    }

    [Theory]
    [InlineData(MotionLevel.Medium, null, PanDirection.Right, TiltDirection.Up, "A kite. Camera: pan right, tilt up. Motion: moderate movement.")]
    [InlineData(MotionLevel.High, ZoomDirection.Out, null, TiltDirection.Down, "A kite. Camera: slow zoom out, tilt down. Motion: energetic, fast movement.")]
    public async Task SubmitAsync_CameraAndMotion_BecomePromptSuffixes(MotionLevel motion, ZoomDirection? zoom, PanDirection? pan, TiltDirection? tilt, string expected)
    {
        await Provider.SubmitAsync(new VideoRequest { Prompt = " A kite ", Camera = new CameraMotion(zoom, pan, tilt), Motion = motion }, "job-1", Token);

        Assert.Equal(expected, (string)Assert.Single(Creates).Json!["content"]![0]!["text"]!);
    }

    [Fact]
    public async Task EveryCall_SendsTheApiKeyAsBearer()
    {
        var submitted = await Provider.SubmitAsync(Fox(), "job-1", Token);
        await Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token);
        await _harness.Client.DeleteAsync(submitted.ProviderJobId, Token);

        Assert.Equal(["POST", "GET", "DELETE"], _harness.ApiRequests.Select(r => r.Method));
        Assert.All(_harness.ApiRequests, r => Assert.Equal("Bearer ark-fake-key-123", r.Authorization));
    }

    [Fact]
    public async Task GetJobAsync_QueuedThenRunning_IsInProgress()
    {
        var submitted = await Provider.SubmitAsync(Fox(), "job-1", Token);

        var queued = await Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token);
        _harness.Time.Advance(Ark.QueueTime);
        var running = await Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token);

        Assert.Equal(new VideoJobStatus(submitted.ProviderJobId, VideoJobState.InProgress, "queued"), queued);
        Assert.Equal(new VideoJobStatus(submitted.ProviderJobId, VideoJobState.InProgress, "running"), running);
    }

    [Fact]
    public async Task GetLastFrameUrlAsync_Succeeded_GetsTheTaskAlone_ForTheFrameEveryCreateAsksFor()
    {
        var submitted = await Provider.SubmitAsync(Fox(), "job-1", Token);
        _harness.Time.Advance(Ark.QueueTime + Ark.RunTime);
        var polled = await Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token);
        var before = Ark.Requests.Count;

        var frame = await Provider.GetLastFrameUrlAsync(submitted.ProviderJobId, Token);

        Assert.True(Provider.Capabilities.ReturnsLastFrame);
        Assert.True(Ark.Tasks.Single().Request["return_last_frame"]!.GetValue<bool>());
        Assert.Equal(VideoJobState.Succeeded, polled.State);
        var get = Assert.Single(Ark.Requests.Skip(before));
        Assert.Equal(("GET", "/contents/generations/tasks/" + submitted.ProviderJobId), (get.Method, get.Path));
        using var http = new HttpClient();
        Assert.Equal(FakeModelArk.LastFramePng, await http.GetByteArrayAsync(frame, Token));
    }

    [Fact]
    public async Task GetJobAsync_Succeeded_GivesTheVideoUrl_WhichAGetDownloads_AndNoHeadIsSent()
    {
        var submitted = await Provider.SubmitAsync(Fox(), "job-1", Token);
        _harness.Time.Advance(Ark.QueueTime + Ark.RunTime);

        var status = await Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token);

        Assert.Equal(VideoJobState.Succeeded, status.State);
        Assert.Equal("succeeded", status.ProviderStatus);
        Assert.Null(status.Error);
        Assert.Equal(Ark.Tasks.Single().VideoUrl, status.VideoUrl!.AbsoluteUri);
        Assert.Equal(ModelArkVideoProvider.LinkLifetime, Provider.Capabilities.VideoLinkLifetime);
        Assert.DoesNotContain(Ark.Requests, r => r.Method == "HEAD");

        using var http = new HttpClient();
        Assert.Equal(Ark.VideoBytes, await http.GetByteArrayAsync(status.VideoUrl, Token));
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, status.VideoUrl), Token);
        Assert.Equal(HttpStatusCode.Forbidden, head.StatusCode);
    }

    [Fact]
    public async Task GetJobAsync_OutputModerated_IsFailedAsContentRejection()
    {
        Ark.FailTaskWith = "OutputVideoSensitiveContentDetected";
        var submitted = await Provider.SubmitAsync(Fox(), "job-1", Token);
        _harness.Time.Advance(Ark.QueueTime + Ark.RunTime);

        var status = await Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token);

        Assert.Equal(VideoJobState.Failed, status.State);
        Assert.Equal("failed", status.ProviderStatus);
        Assert.Null(status.VideoUrl);
        Assert.Equal("OutputVideoSensitiveContentDetected", status.Error!.Code);
        Assert.True(status.Error.IsContentRejection);
    }

    [Fact]
    public async Task GetJobAsync_FailedOtherwise_IsNotAContentRejection()
    {
        var submitted = await Provider.SubmitAsync(Fox(), "job-1", Token);
        Ark.Fail(submitted.ProviderJobId, "InternalServiceError");

        var status = await Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token);

        Assert.Equal(VideoJobState.Failed, status.State);
        Assert.Equal("InternalServiceError", status.Error!.Code);
        Assert.False(status.Error.IsContentRejection);
    }

    [Fact]
    public async Task GetJobAsync_FailedSeenThroughTheBatchList_GivesTheReasonOfFailureReason_WithoutAGet()
    {
        var submitted = await Provider.SubmitAsync(Fox(), "job-1", Token);
        Ark.Fail(submitted.ProviderJobId, "InternalServiceError", "The service hit an internal error while rendering; please retry.");
        var before = _harness.ApiRequests.Length;

        var status = await Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token);

        Assert.Equal(VideoJobState.Failed, status.State);
        Assert.Equal(new VideoJobError("InternalServiceError", "The service hit an internal error while rendering; please retry."), status.Error);
        var poll = Assert.Single(_harness.ApiRequests[before..]);
        Assert.Equal($"GET {ArkHarness.TasksPath}?page_num=1&page_size=1&filter.task_ids={submitted.ProviderJobId}", poll.Method + " " + poll.Path + poll.Query);
    }

    [Fact]
    public async Task GetJobAsync_ModeratedSeenThroughTheBatchList_IsAContentRejection()
    {
        Ark.FailTaskWith = "OutputVideoSensitiveContentDetected.PolicyViolation";
        var submitted = await Provider.SubmitAsync(Fox(), "job-1", Token);
        _harness.Time.Advance(Ark.QueueTime + Ark.RunTime);

        var status = await Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token);

        Assert.Equal("OutputVideoSensitiveContentDetected.PolicyViolation", status.Error!.Code);
        Assert.True(status.Error.IsContentRejection);
        Assert.DoesNotContain(_harness.ApiRequests, r => r.Path.StartsWith(ArkHarness.TasksPath + "/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetJobAsync_ListItemWithFailureReasonAsAString_IsReadAsItsCode()
    {
        Ark.ListShape = FakeArkListShape.ListItemWithReasonAsString;
        var submitted = await Provider.SubmitAsync(Fox(), "job-1", Token);
        Ark.Fail(submitted.ProviderJobId, "OutputAudioSensitiveContentDetected");

        var status = await Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token);

        Assert.Equal(VideoJobState.Failed, status.State);
        Assert.Equal(new VideoJobError("OutputAudioSensitiveContentDetected", "error code OutputAudioSensitiveContentDetected", IsContentRejection: true), status.Error);
    }

    [Fact]
    public async Task GetJobAsync_ListItemInTheOldShapeWithError_IsStillRead()
    {
        Ark.ListShape = FakeArkListShape.TaskShape;
        var submitted = await Provider.SubmitAsync(Fox(), "job-1", Token);
        Ark.Fail(submitted.ProviderJobId, "InternalServiceError", "Rendering failed.");

        var status = await Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token);

        Assert.Equal(new VideoJobError("InternalServiceError", "Rendering failed."), status.Error);
        Assert.DoesNotContain(_harness.ApiRequests, r => r.Path.StartsWith(ArkHarness.TasksPath + "/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetJobAsync_Expired_IsFailedExpired()
    {
        var submitted = await Provider.SubmitAsync(Fox(), "job-1", Token);
        _harness.Time.Advance(Ark.QueueTime);
        Ark.Expire(submitted.ProviderJobId);

        var status = await Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token);

        Assert.Equal(VideoJobState.Failed, status.State);
        Assert.Equal("expired", status.ProviderStatus);
        Assert.Equal("expired", status.Error!.Code);
        Assert.False(status.Error.IsContentRejection);
    }

    [Fact]
    public async Task GetJobAsync_CancelledWhileQueued_IsFailedCancelled()
    {
        var submitted = await Provider.SubmitAsync(Fox(), "job-1", Token);
        await _harness.Client.DeleteAsync(submitted.ProviderJobId, Token);

        var status = await Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token);

        Assert.Equal("cancelled", Ark.Tasks.Single().Status);
        Assert.Equal(VideoJobState.Failed, status.State);
        Assert.Equal("cancelled", status.ProviderStatus);
        Assert.Equal("cancelled", status.Error!.Code);
    }

    [Fact]
    public async Task GetJobAsync_UnknownId_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<VideoProviderException>(() => Provider.GetJobAsync("cgt-20260315100000000999", CallPriority.Background, Token));

        Assert.Equal(VideoProviderErrorKind.NotFound, error.Kind);
        Assert.Equal(
            ["GET " + ArkHarness.TasksPath, "GET " + ArkHarness.TasksPath + "/cgt-20260315100000000999"],
            _harness.ApiRequests.Select(r => r.Method + " " + r.Path));
    }

    [Fact]
    public async Task SubmitAsync_DurationOutOfRange_ThrowsInvalidRequestNamingDuration_AndIsNotRepeated()
    {
        var error = await Assert.ThrowsAsync<VideoProviderException>(() => Provider.SubmitAsync(Fox() with { DurationSeconds = 30 }, "job-1", Token));

        Assert.Equal(VideoProviderErrorKind.InvalidRequest, error.Kind);
        var field = Assert.Single(error.FieldErrors);
        Assert.Equal("duration", field.Field);
        Assert.Contains("[4, 15]", field.Message, StringComparison.Ordinal);
        Assert.Single(Creates);
        Assert.Empty(Ark.Tasks);
    }

    [Fact]
    public async Task SubmitAsync_InjectedBadRequest_IsNotRetried()
    {
        Ark.FailNext(400, "InvalidParameter");

        var error = await Assert.ThrowsAsync<VideoProviderException>(() => Provider.SubmitAsync(Fox(), "job-1", Token));

        Assert.Equal(VideoProviderErrorKind.InvalidRequest, error.Kind);
        Assert.Single(Ark.Requests);
        Assert.Empty(Ark.Tasks);
    }

    [Fact]
    public async Task SubmitAsync_ForbiddenWordInPrompt_ThrowsContentRejected()
    {
        var error = await Assert.ThrowsAsync<VideoProviderException>(() => Provider.SubmitAsync(new VideoRequest { Prompt = "A forbidden scene" }, "job-1", Token));

        Assert.Equal(VideoProviderErrorKind.ContentRejected, error.Kind);
        Assert.Empty(error.FieldErrors);
        Assert.Single(Creates);
    }

    [Fact]
    public async Task SubmitAsync_WrongKey_ThrowsUnauthorized_AndNeverLogsTheKey()
    {
        await using var harness = await ArkHarness.StartAsync(new() { ["ModelArk:ApiKey"] = "ark-wrong-key-999" });

        var error = await Assert.ThrowsAsync<VideoProviderException>(() => harness.Provider.SubmitAsync(Fox(), "job-1", Token));

        Assert.Equal(VideoProviderErrorKind.Unauthorized, error.Kind);
        Assert.Equal("Bearer ark-wrong-key-999", Assert.Single(harness.Ark.Requests).Authorization);
        Assert.Contains(harness.Logs.Entries, e => e.EventId.Name == "ModelArkAdminAction" && e.Message.Contains("ModelArk:ApiKey", StringComparison.Ordinal));
        Assert.DoesNotContain("ark-wrong-key-999", harness.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("ark-wrong-key-999", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_AccountOverdue_ThrowsInsufficientCredit_AndLogsAnErrorForTheAdmin()
    {
        Ark.AccountOverdue = true;

        var error = await Assert.ThrowsAsync<VideoProviderException>(() => Provider.SubmitAsync(Fox(), "job-1", Token));

        Assert.Equal(VideoProviderErrorKind.InsufficientCredit, error.Kind);
        Assert.Single(Ark.Requests);
        var log = Assert.Single(_harness.Logs.Entries, e => e.EventId.Name == "ModelArkAdminAction");
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Contains("AccountOverdueError", log.Message, StringComparison.Ordinal);
        Assert.Contains("out of credit", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_ModelNotActivated_ThrowsModelNotActivated_NamingTheModel()
    {
        await using var harness = await ArkHarness.StartAsync(new() { ["ModelArk:Model"] = "dreamina-seedance-2-0-fast-260128" });

        var error = await Assert.ThrowsAsync<VideoProviderException>(() => harness.Provider.SubmitAsync(Fox(), "job-1", Token));

        Assert.Equal(VideoProviderErrorKind.ModelNotActivated, error.Kind);
        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("'dreamina-seedance-2-0-fast-260128' is not activated", StringComparison.Ordinal));
        Assert.Empty(harness.Ark.Tasks);
    }

    [Fact]
    public async Task SubmitAsync_CreateTimesOut_ReturnsTheTaskFoundInTheList_CheckedByAGetOfIt_AndCreatesNoOther()
    {
        // A call first, so that the create goes out on a pooled connection, as in a running bot.
        await _harness.Client.ListAsync(null, 10, Token);
        Ark.TimeoutNextCreate();

        var submitted = await Provider.SubmitAsync(Fox(), "job-1", Token);

        var task = Assert.Single(Ark.Tasks);
        Assert.Equal(task.Id, submitted.ProviderJobId);
        Assert.Equal(VideoJobState.InProgress, submitted.State);
        Assert.Equal(
            ["GET ?page_num=1&page_size=10", "POST ", "GET ?page_num=1&page_size=100", $"GET /{task.Id}"],
            _harness.ApiRequests.Select(r => r.Method + " " + r.Path[ArkHarness.TasksPath.Length..] + r.Query));
        Assert.Contains(_harness.Logs.Entries, e => e.EventId.Name == "ModelArkSubmitUncertain");
        var reconciled = Assert.Single(_harness.Logs.Entries, e => e.EventId.Name == "ModelArkSubmitReconciled");
        Assert.Contains(task.Id, reconciled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_CreateAnswers500_ThrowsUnavailableWithoutResending_ThenTheRetryListsFirstAndCreatesOnce()
    {
        Ark.FailNext(500, "InternalServiceError");

        var error = await Assert.ThrowsAsync<VideoProviderException>(() => Provider.SubmitAsync(Fox(), "job-1", Token));

        Assert.Equal(VideoProviderErrorKind.Unavailable, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal(["POST", "GET"], _harness.ApiRequests.Select(r => r.Method));
        Assert.Empty(Ark.Tasks);

        var submitted = await Provider.SubmitAsync(Fox(), "job-1", Token);

        Assert.Equal(["POST", "GET", "GET", "POST"], _harness.ApiRequests.Select(r => r.Method));
        Assert.Equal(ArkHarness.TasksPath, _harness.ApiRequests[2].Path);
        Assert.Equal(Assert.Single(Ark.Tasks).Id, submitted.ProviderJobId);
    }

    [Fact]
    public async Task SubmitAsync_AfterARestartMidCall_FindsTheTaskTheLastProcessCreated_InsteadOfCreatingAnother()
    {
        // What the previous process sent before it stopped: the task exists, but nothing here remembers it.
        var before = await _harness.Client.CreateAsync(((ModelArkVideoProvider)Provider).ToWire(Fox(42)), Token);

        var submitted = await Provider.SubmitAsync(Fox(42) with { MayExistAlready = true }, "job-1", Token);

        Assert.Equal(before, submitted.ProviderJobId);
        Assert.Single(Ark.Tasks);
    }

    [Fact]
    public async Task SubmitAsync_MayExistAlready_ReadsEachCandidatesRatioAndLengthFromItsGet_AndAdoptsTheOneThatMatches()
    {
        // The previous process made this job's landscape task, then another job's portrait one with the same seed (newer,
        // so listed first). List items carry no ratio or duration: only a GET of each tells them apart.
        var provider = (ModelArkVideoProvider)Provider;
        var mine = await _harness.Client.CreateAsync(provider.ToWire(Fox(42)), Token);
        var other = await _harness.Client.CreateAsync(provider.ToWire(Fox(42) with { AspectRatio = AspectRatio.Portrait }), Token);
        var before = _harness.ApiRequests.Length;

        var submitted = await Provider.SubmitAsync(Fox(42) with { MayExistAlready = true }, "job-1", Token);

        Assert.Equal(mine, submitted.ProviderJobId);
        Assert.Equal(2, Ark.Tasks.Count);
        Assert.Equal(
            ["GET ?page_num=1&page_size=100", $"GET /{other}", $"GET /{mine}"],
            _harness.ApiRequests[before..].Select(r => r.Method + " " + r.Path[ArkHarness.TasksPath.Length..] + r.Query));
    }

    [Fact]
    public async Task SubmitAsync_MayExistAlready_SameSeedButAnotherLengthByItsGet_IsNotAdopted_AndOneTaskIsCreated()
    {
        var provider = (ModelArkVideoProvider)Provider;
        var other = await _harness.Client.CreateAsync(provider.ToWire(Fox(42) with { DurationSeconds = 8 }), Token);

        var submitted = await Provider.SubmitAsync(Fox(42) with { MayExistAlready = true }, "job-1", Token);

        Assert.NotEqual(other, submitted.ProviderJobId);
        Assert.Equal(2, Ark.Tasks.Count);
        Assert.Equal(["POST", "GET", "GET", "POST"], _harness.ApiRequests.Select(r => r.Method));
    }

    [Fact]
    public async Task SubmitAsync_MayExistAlready_ButNothingMatches_ListsThenCreatesOnce()
    {
        var submitted = await Provider.SubmitAsync(Fox(42) with { MayExistAlready = true }, "job-1", Token);

        Assert.Equal(Assert.Single(Ark.Tasks).Id, submitted.ProviderJobId);
        Assert.Equal(["GET", "POST"], _harness.ApiRequests.Select(r => r.Method));
    }

    [Fact]
    public async Task SubmitAsync_CreateTimesOut_WithoutSeed_StillFindsItsTask()
    {
        Ark.TimeoutNextCreate();

        var submitted = await Provider.SubmitAsync(Fox(seed: null), "job-1", Token);

        Assert.Equal(Assert.Single(Ark.Tasks).Id, submitted.ProviderJobId);
    }

    [Fact]
    public async Task SubmitAsync_CreateAnswers500_DoesNotAdoptAnotherJobsTaskWithTheSameSeed()
    {
        var first = await Provider.SubmitAsync(Fox(42) with { EndUserId = Alice }, "job-1", Token);
        Ark.FailNext(500, "InternalServiceError");

        var error = await Assert.ThrowsAsync<VideoProviderException>(() => Provider.SubmitAsync(new VideoRequest { Prompt = "A harbour at dawn", DurationSeconds = 5, Seed = 42, EndUserId = Bob }, "job-2", Token));

        Assert.Equal(VideoProviderErrorKind.Unavailable, error.Kind);
        Assert.Equal(first.ProviderJobId, Assert.Single(Ark.Tasks).Id);
    }

    [Fact]
    public async Task GetJobAsync_ApiUnreachable_ThrowsUnavailable()
    {
        await using var harness = await ArkHarness.StartAsync(new() { ["ModelArk:BaseUrl"] = "http://127.0.0.1:1/api/v3" });

        var error = await Assert.ThrowsAsync<VideoProviderException>(() => harness.Time.DriveAsync(harness.Provider.GetJobAsync("cgt-20260315100000000001", CallPriority.Background, Token), TimeSpan.FromSeconds(1)));

        Assert.Equal(VideoProviderErrorKind.Unavailable, error.Kind);
    }

    [Fact]
    public async Task Capabilities_DescribeModelArk()
    {
        var capabilities = Provider.Capabilities;

        Assert.Equal(3, capabilities.MaxConcurrentJobs);
        Assert.Equal(4, capabilities.MinShotSeconds);
        Assert.Equal(15, capabilities.MaxShotSeconds);
        Assert.Equal(15, capabilities.MaxTotalSeconds);
        Assert.Equal(4, capabilities.MinTotalSeconds);
        Assert.Equal(5, capabilities.DefaultShotSeconds);
        Assert.Equal(uint.MaxValue, capabilities.MaxSeed);
        Assert.False(capabilities.NativeStoryboards);
        Assert.False(capabilities.ReportsBalance);
        Assert.True(capabilities.SupportsWebhooks);
        Assert.Equal(TimeSpan.FromHours(24), capabilities.VideoLinkLifetime);
        Assert.Null(await Provider.GetBalanceAsync(Token));
        Assert.Empty(Ark.Requests);
    }

    [Fact]
    public async Task Capabilities_MaxConcurrentJobs_FollowsMaxConcurrentTasks()
    {
        await using var harness = await ArkHarness.StartAsync(new() { ["ModelArk:MaxConcurrentTasks"] = "10" });

        Assert.Equal(10, harness.Provider.Capabilities.MaxConcurrentJobs);
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex LowerHex64();
}
