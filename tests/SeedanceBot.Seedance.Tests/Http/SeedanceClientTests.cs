using System.Net;
using System.Text.Json;
using SeedanceBot.Core.Video;
using SeedanceBot.Seedance.Contracts;
using SeedanceBot.Seedance.Http;
using SeedanceBot.Simulator;

namespace SeedanceBot.Seedance.Tests.Http;

public sealed class SeedanceClientTests
{
    private static readonly SeedanceVideoRequest Fox = new()
    {
        Prompt = "A photorealistic shot of a fox walking through a snowy forest at dawn, cinematic lighting.",
        AspectRatio = "16:9",
        DurationSecs = 8,
    };

    [Fact]
    public async Task SubmitAsync_SingleShot_SendsContractBodyAndReturnsProcessingJob()
    {
        await using var host = await SeedanceTestHost.StartAsync();

        var job = await host.Client.SubmitAsync(Fox with { Style = "cinematic", Seed = 42, Camera = new SeedanceCamera(Zoom: "in", Pan: "left"), MotionLevel = "high" }, "job-1", TestContext.Current.CancellationToken);

        Assert.StartsWith("vid_", job.Id, StringComparison.Ordinal);
        Assert.Equal(SeedanceJobStatus.Processing, job.StatusKind);
        var sent = JsonDocument.Parse(Assert.Single(host.Simulator.Jobs).RequestJson).RootElement;
        Assert.Equal(
            """{"prompt":"A photorealistic shot of a fox walking through a snowy forest at dawn, cinematic lighting.","aspect_ratio":"16:9","duration_secs":8,"style":"cinematic","seed":42,"camera":{"zoom":"in","pan":"left"},"motion_level":"high"}""",
            JsonSerializer.Serialize(sent));
        var request = Assert.Single(host.Simulator.Requests);
        Assert.Equal(("POST", "/v2/videos", 202, "job-1"), (request.Method, request.Path, request.StatusCode, request.IdempotencyKey));
    }

    [Fact]
    public async Task SubmitAsync_Storyboard_SendsScenesWithTheirDurations()
    {
        await using var host = await SeedanceTestHost.StartAsync();
        var storyboard = new SeedanceVideoRequest
        {
            Scenes =
            [
                new("Wide shot. A detective in a brown trench coat stands under a flickering streetlamp on a rainy London street at night.", 4),
                new("Close-up shot. The same detective in the brown trench coat looks up, rain dripping from his hat. Cinematic, photorealistic style.", 3),
            ],
            Style = "photorealistic",
            Seed = 42,
        };

        await host.Client.SubmitAsync(storyboard, "job-2", TestContext.Current.CancellationToken);

        var job = Assert.Single(host.Simulator.Jobs);
        Assert.Equal(7, job.TotalSeconds);
        Assert.Equal(
            """{"scenes":[{"prompt":"Wide shot. A detective in a brown trench coat stands under a flickering streetlamp on a rainy London street at night.","duration_secs":4},{"prompt":"Close-up shot. The same detective in the brown trench coat looks up, rain dripping from his hat. Cinematic, photorealistic style.","duration_secs":3}],"style":"photorealistic","seed":42}""",
            JsonSerializer.Serialize(JsonDocument.Parse(job.RequestJson).RootElement));
    }

    [Fact]
    public async Task GetVideoAsync_WhileGeneratingThenDone_ReportsProgressThenPlayableUrl()
    {
        await using var host = await SeedanceTestHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var submitted = await host.Client.SubmitAsync(Fox, "job-3", ct);

        host.Time.Advance(TimeSpan.FromSeconds(30));
        var running = await host.Client.GetVideoAsync(submitted.Id, CallPriority.Background, ct);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var done = await host.Client.GetVideoAsync(submitted.Id, CallPriority.Interactive, ct);

        Assert.Equal(SeedanceJobStatus.Processing, running.StatusKind);
        Assert.InRange(running.Progress!.Value, 1, 99);
        Assert.NotNull(running.EtaSecs);
        Assert.Null(running.Url);
        Assert.Equal(SeedanceJobStatus.Succeeded, done.StatusKind);
        using var http = new HttpClient();
        var mp4 = await http.GetByteArrayAsync(new Uri(done.Url!), ct);
        Assert.Equal("ftyp"u8.ToArray(), mp4[4..8]);
    }

    [Fact]
    public async Task GetVideoAsync_FailedJob_CarriesTheErrorObject()
    {
        await using var host = await SeedanceTestHost.StartAsync(new SimulatorOptions { ApiKeys = SeedanceTestHost.ApiKey, FailureRate = 1 });
        var ct = TestContext.Current.CancellationToken;
        var submitted = await host.Client.SubmitAsync(Fox, "job-4", ct);
        host.Time.Advance(TimeSpan.FromMinutes(10));

        var failed = await host.Client.GetVideoAsync(submitted.Id, CallPriority.Background, ct);

        Assert.Equal(SeedanceJobStatus.Failed, failed.StatusKind);
        Assert.Equal("generation_failed", failed.Error?.Code);
        Assert.False(string.IsNullOrWhiteSpace(failed.Error?.Message));
    }

    [Fact]
    public async Task GetStylesAsync_ReturnsTheCatalogue()
    {
        await using var host = await SeedanceTestHost.StartAsync();

        var styles = await host.Client.GetStylesAsync(TestContext.Current.CancellationToken);

        Assert.Superset(new HashSet<string> { "photorealistic", "cinematic", "anime", "cyberpunk" }, styles.Select(s => s.Id).ToHashSet());
        Assert.All(styles, s => Assert.False(string.IsNullOrWhiteSpace(s.Name)));
    }

    [Fact]
    public async Task GetBalanceAsync_GoesDownWithGeneratedSeconds()
    {
        await using var host = await SeedanceTestHost.StartAsync(new SimulatorOptions { ApiKeys = SeedanceTestHost.ApiKey, InitialBalance = 500 });
        var ct = TestContext.Current.CancellationToken;

        var before = await host.Client.GetBalanceAsync(ct);
        await host.Client.SubmitAsync(Fox, "job-5", ct);
        host.Time.Advance(TimeSpan.FromMinutes(10));
        var after = await host.Client.GetBalanceAsync(ct);

        Assert.Equal(new SeedanceBalance(500m, "credits"), before);
        Assert.Equal(492m, after.Balance);
    }

    [Fact]
    public async Task SubmitAsync_WrongKey_Throws401WithoutRetrying()
    {
        await using var host = await SeedanceTestHost.StartAsync(new SimulatorOptions { ApiKeys = "another-key" });

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => host.DriveAsync(host.Client.SubmitAsync(Fox, "job-6", CancellationToken.None)));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("unauthorized", ex.ErrorCode);
        Assert.Equal(1, host.RequestsTo("POST", "/v2/videos"));
    }

    [Fact]
    public async Task GetVideoAsync_UnknownId_Throws404WithoutRetrying()
    {
        await using var host = await SeedanceTestHost.StartAsync();

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => host.DriveAsync(host.Client.GetVideoAsync("vid_missing", CallPriority.Interactive, CancellationToken.None)));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal(1, host.RequestsTo("GET", "/v2/videos/vid_missing"));
    }

    [Fact]
    public async Task SubmitAsync_InvalidFields_Throws422WithFieldDetailsWithoutRetrying()
    {
        await using var host = await SeedanceTestHost.StartAsync();
        var bad = Fox with { AspectRatio = "4:3", DurationSecs = 99 };

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => host.DriveAsync(host.Client.SubmitAsync(bad, "job-7", CancellationToken.None)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, ex.StatusCode);
        Assert.Equal("validation_failed", ex.ErrorCode);
        Assert.Contains(ex.Details, d => d.Field == "aspect_ratio");
        Assert.Contains(ex.Details, d => d.Field == "duration_secs");
        Assert.Contains("aspect_ratio", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.RequestsTo("POST", "/v2/videos"));
        Assert.Empty(host.Simulator.Jobs);
    }

    [Fact]
    public async Task GetStylesAsync_ServerErrorsThenSuccess_RetriesUntilItWorks()
    {
        await using var host = await SeedanceTestHost.StartAsync();
        host.Simulator.Faults.FailNext(2, 500, "/v2/styles");

        var styles = await host.DriveAsync(host.Client.GetStylesAsync(CancellationToken.None));

        Assert.NotEmpty(styles);
        Assert.Equal([500, 500, 200], host.Simulator.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task GetStylesAsync_ServerKeepsFailing_GivesUpAfterMaxRetriesWithTheStatus()
    {
        await using var host = await SeedanceTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Seedance:Resilience:MaxRetries"] = "2" });
        host.Simulator.Faults.FailNext(10, 503, "/v2/styles");

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => host.DriveAsync(host.Client.GetStylesAsync(CancellationToken.None)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(3, host.RequestsTo("GET", "/v2/styles"));
    }

    [Fact]
    public async Task GetStylesAsync_Backoff_GrowsExponentiallyBetweenAttempts()
    {
        // Jitter makes one sequence noisy, so compare sums over several calls: the third wait dwarfs the first.
        await using var host = await SeedanceTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Seedance:Resilience:BaseDelay"] = "00:00:04",
            ["Seedance:Resilience:BreakerMinimumThroughput"] = "1000",
        });
        double first = 0, third = 0;
        for (var call = 0; call < 6; call++)
        {
            var before = host.Simulator.Requests.Count;
            host.Simulator.Faults.FailNext(3, 500, "/v2/styles");

            await host.DriveAsync(host.Client.GetStylesAsync(CancellationToken.None), stepSeconds: 0.5);

            var times = host.Simulator.Requests.Skip(before).Select(r => r.ReceivedAt).ToArray();
            Assert.Equal(4, times.Length);
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second > pair.First, "every retry waits"));
            first += (times[1] - times[0]).TotalSeconds;
            third += (times[3] - times[2]).TotalSeconds;
        }

        Assert.True(third > first, $"third waits {third} s in all, first waits {first} s");
    }

    [Fact]
    public async Task GetStylesAsync_429WithRetryAfter_WaitsThatLongBeforeTheRetry()
    {
        await using var host = await SeedanceTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Seedance:Resilience:BaseDelay"] = "00:00:00.1" });
        host.Simulator.Faults.FailNext(1, 429, TimeSpan.FromSeconds(7), "/v2/styles");

        await host.DriveAsync(host.Client.GetStylesAsync(CancellationToken.None), stepSeconds: 0.1);

        var requests = host.Simulator.Requests;
        Assert.Equal([429, 200], requests.Select(r => r.StatusCode));
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(7), $"retried after {(requests[1].ReceivedAt - requests[0].ReceivedAt).TotalSeconds} s");
    }

    [Fact]
    public async Task GetBalanceAsync_ConnectionDropped_RetriesTheTransientNetworkError()
    {
        await using var host = await SeedanceTestHost.StartAsync();
        host.Simulator.Faults.DropNext(1, "/v2/account/balance");

        var balance = await host.DriveAsync(host.Client.GetBalanceAsync(CancellationToken.None));

        Assert.True(balance.Balance > 0);
        Assert.Equal(2, host.RequestsTo("GET", "/v2/account/balance"));
    }

    [Fact]
    public async Task GetBalanceAsync_SlowAttempt_TimesOutAndRetries()
    {
        await using var host = await SeedanceTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Seedance:Resilience:AttemptTimeout"] = "00:00:05" });
        host.Simulator.Faults.DelayNext(1, TimeSpan.FromMinutes(1), "/v2/account/balance");

        // Small steps: the retry must get its answer inside its own 5 s, however long the bytes take on a busy machine.
        var balance = await host.DriveAsync(host.Client.GetBalanceAsync(CancellationToken.None), stepSeconds: 0.05);

        Assert.True(balance.Balance > 0);
        Assert.Equal(2, host.RequestsTo("GET", "/v2/account/balance"));
    }

    [Fact]
    public async Task GetBalanceAsync_EveryAttemptTooSlow_FailsWithinTheTotalTimeout()
    {
        await using var host = await SeedanceTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Seedance:Resilience:AttemptTimeout"] = "00:00:05",
            ["Seedance:Resilience:TotalTimeout"] = "00:00:12",
            ["Seedance:Resilience:MaxRetries"] = "10",
        });
        host.Simulator.Faults.DelayNext(100, TimeSpan.FromMinutes(1), "/v2/account/balance");
        var started = host.Time.GetUtcNow();

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => host.DriveAsync(host.Client.GetBalanceAsync(CancellationToken.None), stepSeconds: 0.25));

        Assert.Equal(SeedanceApiException.TimeoutCode, ex.ErrorCode);
        Assert.Null(ex.StatusCode);
        // Ten retries of 5 s each would take over 50 s; the upper bound leaves room for steps the driver adds under load.
        Assert.InRange((host.Time.GetUtcNow() - started).TotalSeconds, 12, 30);
    }

    [Fact]
    public async Task SubmitAsync_ResponseLostAfterTheJobWasCreated_RetryReturnsTheSameJob()
    {
        await using var host = await SeedanceTestHost.StartAsync();
        host.Simulator.Faults.DropNextAfterProcessing(1, "/v2/videos", "POST");

        var job = await host.DriveAsync(host.Client.SubmitAsync(Fox, "job-8", CancellationToken.None));

        Assert.Equal(2, host.RequestsTo("POST", "/v2/videos"));
        Assert.All(host.Simulator.Requests, r => Assert.Equal("job-8", r.IdempotencyKey));
        Assert.Equal(job.Id, Assert.Single(host.Simulator.Jobs).Id);
    }

    [Fact]
    public async Task SubmitAsync_ServerErrorAfterTheJobWasCreated_RetryCreatesNoSecondJob()
    {
        await using var host = await SeedanceTestHost.StartAsync();
        host.Simulator.Faults.FailNextAfterProcessing(2, 500, "/v2/videos", "POST");

        var job = await host.DriveAsync(host.Client.SubmitAsync(Fox, "job-9", CancellationToken.None));

        Assert.Equal(3, host.RequestsTo("POST", "/v2/videos"));
        Assert.Equal(job.Id, Assert.Single(host.Simulator.Jobs).Id);
    }

    [Fact]
    public async Task Calls_PersistentOutage_OpenTheCircuitAndStopHammeringTheApi()
    {
        await using var host = await SeedanceTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Seedance:Resilience:MaxRetries"] = "0",
            ["Seedance:Resilience:BreakerMinimumThroughput"] = "4",
            ["Seedance:Resilience:BreakerFailureRatio"] = "0.5",
            ["Seedance:Resilience:BreakDuration"] = "00:00:30",
        });
        host.Simulator.Faults.FailNext(1000, 500, "/v2/styles");

        for (var i = 0; i < 4; i++)
        {
            var failure = await Assert.ThrowsAsync<SeedanceApiException>(() => host.Client.GetStylesAsync(CancellationToken.None));
            Assert.Equal(HttpStatusCode.InternalServerError, failure.StatusCode);
        }

        var sentWhileOpen = host.Simulator.Requests.Count;
        var open = await Assert.ThrowsAsync<SeedanceApiException>(() => host.Client.GetStylesAsync(CancellationToken.None));
        var alsoOpen = await Assert.ThrowsAsync<SeedanceApiException>(() => host.Client.GetBalanceAsync(CancellationToken.None));

        Assert.Equal(SeedanceApiException.CircuitOpenCode, open.ErrorCode);
        Assert.Equal(SeedanceApiException.CircuitOpenCode, alsoOpen.ErrorCode);
        Assert.Equal(sentWhileOpen, host.Simulator.Requests.Count);

        host.Simulator.Faults.Clear();
        host.Time.Advance(TimeSpan.FromSeconds(31));
        var styles = await host.Client.GetStylesAsync(CancellationToken.None);
        Assert.NotEmpty(styles);
    }

    [Fact]
    public async Task Calls_429s_DoNotOpenTheCircuit()
    {
        await using var host = await SeedanceTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Seedance:Resilience:MaxRetries"] = "0",
            ["Seedance:Resilience:BreakerMinimumThroughput"] = "2",
        });
        host.Simulator.Faults.FailNext(6, 429, TimeSpan.FromSeconds(1), "/v2/styles");

        for (var i = 0; i < 6; i++)
        {
            var limited = await Assert.ThrowsAsync<SeedanceApiException>(() => host.DriveAsync(host.Client.GetStylesAsync(CancellationToken.None)));
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }

        Assert.NotEmpty(await host.DriveAsync(host.Client.GetStylesAsync(CancellationToken.None)));
    }
}
