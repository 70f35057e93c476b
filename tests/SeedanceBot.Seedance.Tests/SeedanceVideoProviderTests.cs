using System.Text.Json;
using SeedanceBot.Core.Video;
using SeedanceBot.Seedance.Contracts;
using SeedanceBot.Simulator;

namespace SeedanceBot.Seedance.Tests;

public sealed class SeedanceVideoProviderTests
{
    [Fact]
    public async Task SubmitAsync_CoreRequest_ReachesTheApiInTheContractShape()
    {
        await using var host = await SeedanceTestHost.StartAsync();
        var request = new VideoRequest
        {
            Prompt = "A paper boat drifting down a rain gutter",
            AspectRatio = AspectRatio.Portrait,
            DurationSeconds = 6,
            Style = "anime",
            Seed = 4294967295,
            Camera = new CameraMotion(ZoomDirection.Out, Tilt: TiltDirection.Down),
            Motion = MotionLevel.Low,
        };

        var submitted = await host.Provider.SubmitAsync(request, "bot-job-1", TestContext.Current.CancellationToken);

        Assert.Equal(VideoJobState.InProgress, submitted.State);
        var job = Assert.Single(host.Simulator.Jobs);
        Assert.Equal(submitted.ProviderJobId, job.Id);
        Assert.Equal(
            """{"prompt":"A paper boat drifting down a rain gutter","aspect_ratio":"9:16","duration_secs":6,"style":"anime","seed":4294967295,"camera":{"zoom":"out","tilt":"down"},"motion_level":"low","return_last_frame":true}""",
            JsonSerializer.Serialize(JsonDocument.Parse(job.RequestJson).RootElement));
    }

    [Fact]
    public async Task SubmitAsync_Images_ReachTheApiAsDataUrlsInTheirRoles()
    {
        await using var host = await SeedanceTestHost.StartAsync();
        var first = SeedanceBot.Testing.Images.TestImages.Png(640, 360);
        var last = SeedanceBot.Testing.Images.TestImages.Webp(640, 360);
        var request = new VideoRequest
        {
            Prompt = "A fox turns its head",
            Seed = 1,
            Images =
            [
                new VideoImage { Role = ImageRole.FirstFrame, ContentType = "image/png", Content = first },
                new VideoImage { Role = ImageRole.LastFrame, ContentType = "image/webp", Content = last },
            ],
        };

        await host.Provider.SubmitAsync(request, "bot-job-1", TestContext.Current.CancellationToken);

        var images = JsonDocument.Parse(Assert.Single(host.Simulator.Jobs).RequestJson).RootElement.GetProperty("images");
        Assert.Equal(
            $$"""[{"role":"first_frame","content_type":"image/png","bytes":{{first.Length}},"sha256":"{{Hash(first)}}"},{"role":"last_frame","content_type":"image/webp","bytes":{{last.Length}},"sha256":"{{Hash(last)}}"}]""",
            JsonSerializer.Serialize(images));
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    [Fact]
    public async Task SubmitAsync_InvalidRequest_BecomesInvalidRequestWithTheBotsFieldNames()
    {
        await using var host = await SeedanceTestHost.StartAsync();
        var request = new VideoRequest { Scenes = [new("wide shot of a harbour", 4), new("close-up of a gull", 45)], Style = "no-such-style" };

        var ex = await Assert.ThrowsAsync<VideoProviderException>(() => host.Provider.SubmitAsync(request, "bot-job-2", TestContext.Current.CancellationToken));

        Assert.Equal(VideoProviderErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains(ex.FieldErrors, f => f.Field == "scenes[2].duration");
        Assert.Contains(ex.FieldErrors, f => f.Field == "style");
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task GetJobAsync_Lifecycle_MapsToCoreStates()
    {
        await using var host = await SeedanceTestHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var submitted = await host.Provider.SubmitAsync(new VideoRequest { Prompt = "a lighthouse in a storm", DurationSeconds = 4 }, "bot-job-3", ct);

        var running = await host.Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, ct);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var done = await host.Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, ct);

        Assert.Equal(VideoJobState.InProgress, running.State);
        Assert.Equal(VideoJobState.Succeeded, done.State);
        Assert.NotNull(done.VideoUrl);
        Assert.Null(done.Error);
    }

    [Fact]
    public async Task GetJobAsync_Succeeded_GivesTheLastFrameTheBotAlwaysAsksFor()
    {
        await using var host = await SeedanceTestHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var submitted = await host.Provider.SubmitAsync(new VideoRequest { Prompt = "a lighthouse in a storm", DurationSeconds = 4 }, "bot-job-4", ct);

        var running = await host.Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, ct);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var done = await host.Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, ct);

        Assert.Null(running.LastFrameUrl);
        Assert.Contains("/media/" + submitted.ProviderJobId + "-last.png?", done.LastFrameUrl!.AbsoluteUri, StringComparison.Ordinal);
        using var http = new HttpClient();
        var png = await http.GetByteArrayAsync(done.LastFrameUrl, ct);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }

    [Fact]
    public async Task Calls_Unauthorized_BecomesUnauthorizedKind()
    {
        await using var host = await SeedanceTestHost.StartAsync(new SimulatorOptions { ApiKeys = "someone-else" });

        var ex = await Assert.ThrowsAsync<VideoProviderException>(() => host.Provider.GetBalanceAsync(TestContext.Current.CancellationToken));

        Assert.Equal(VideoProviderErrorKind.Unauthorized, ex.Kind);
    }

    [Fact]
    public async Task GetJobAsync_UnknownJob_BecomesNotFound()
    {
        await using var host = await SeedanceTestHost.StartAsync();

        var ex = await Assert.ThrowsAsync<VideoProviderException>(() => host.Provider.GetJobAsync("vid_gone", CallPriority.Interactive, TestContext.Current.CancellationToken));

        Assert.Equal(VideoProviderErrorKind.NotFound, ex.Kind);
    }

    [Fact]
    public async Task GetStylesAndBalance_MapToCoreRecords()
    {
        await using var host = await SeedanceTestHost.StartAsync(new SimulatorOptions { ApiKeys = SeedanceTestHost.ApiKey, InitialBalance = 1250 });
        var ct = TestContext.Current.CancellationToken;

        var styles = await host.Provider.GetStylesAsync(ct);
        var balance = await host.Provider.GetBalanceAsync(ct);

        Assert.Contains(styles, s => s.Id == "cyberpunk");
        Assert.Equal(new AccountBalance(1250m, "credits"), balance);
    }

    [Theory]
    [InlineData("failed", """{"code":"content_moderation","message":"The prompt was flagged."}""", VideoJobState.Failed, true)]
    [InlineData("failed", "\"GPU fell over\"", VideoJobState.Failed, false)]
    [InlineData("queued", "null", VideoJobState.InProgress, false)]
    [InlineData("warming_up", "null", VideoJobState.InProgress, false)]
    public void ToStatus_StatusesAndErrorShapes_MapAsTheContractSays(string status, string errorJson, VideoJobState expected, bool rejected)
    {
        var job = JsonSerializer.Deserialize($$"""{"id":"vid_1","status":"{{status}}","error":{{errorJson}}}""", SeedanceJsonContext.Default.SeedanceJob)!;

        var mapped = SeedanceVideoProvider.ToStatus(job);

        Assert.Equal(expected, mapped.State);
        Assert.Equal(status, mapped.ProviderStatus);
        Assert.Equal(rejected, mapped.Error?.IsContentRejection ?? false);
        if (expected == VideoJobState.Failed)
        {
            Assert.False(string.IsNullOrWhiteSpace(mapped.Error!.Message));
        }
    }

    [Fact]
    public async Task ReadWebhook_TheSimulatorsCallbackBody_ReadsAsTheFinishedJob()
    {
        await using var host = await SeedanceTestHost.StartAsync();
        var submitted = await host.Provider.SubmitAsync(new VideoRequest { Prompt = "a paper boat", DurationSeconds = 2 }, "bot-job-hook", TestContext.Current.CancellationToken);
        var body = $$"""{"id":"{{submitted.ProviderJobId}}","status":"succeeded","created_at":"2026-03-15T10:00:00Z","url":"https://cdn.seedance.tv/v/x.mp4","progress":100}""";

        var status = host.Provider.ReadWebhook(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.NotNull(status);
        Assert.Equal((submitted.ProviderJobId, VideoJobState.Succeeded), (status.ProviderJobId, status.State));
        Assert.Equal("https://cdn.seedance.tv/v/x.mp4", status.VideoUrl!.AbsoluteUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"id":""}""")]
    [InlineData("""{"id":42,"status":"succeeded"}""")]
    [InlineData("""{"id":"vid_1","status":{"nested":true}}""")]
    public async Task ReadWebhook_NotAJobObject_NullNeverThrows(string body)
    {
        await using var host = await SeedanceTestHost.StartAsync();

        Assert.Null(host.Provider.ReadWebhook(System.Text.Encoding.UTF8.GetBytes(body)));
    }
}
