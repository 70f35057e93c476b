using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Tests.Jobs;

public sealed class JobEngineTests
{
    [Fact]
    public async Task Video_HappyPath_SubmitsPollsNearTheFinishAndDeliversOnceWithTheChargeCommitted()
    {
        using var core = new CoreHarness();
        core.Provider.GenerationTime = TimeSpan.FromSeconds(80);

        var reply = await core.SendAsync("video", "a fox in the snow --duration 5 --seed 7");
        await core.RunForAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1));

        Assert.Null(reply.Message);
        var job = Assert.Single(core.Store.All);
        Assert.Equal(reply.JobId, job.Id);
        Assert.Equal((JobState.Succeeded, ChargeState.Committed, DeliveryState.Delivered), (job.State, job.Charge, job.Delivery));
        Assert.Equal(1, core.Provider.Submits);
        Assert.InRange(core.Provider.Polls, 1, 3);
        var delivery = Assert.Single(core.Platform.Deliveries);
        Assert.Equal(ChatTone.Success, delivery.Message.Tone);
        Assert.Equal("U1", delivery.Message.MentionUserId);
        Assert.NotNull(delivery.Message.VideoUrl);
        Assert.Contains(delivery.Message.Fields, f => f.Label == "Seed" && f.Value == "7");
        Assert.Equal(job.Id, Assert.Single(core.Store.Ledger).JobId);
        Assert.NotEmpty(core.Platform.Statuses);
    }

    [Fact]
    public async Task Deliver_Finished_HandsThePlatformTheFinalStatusToo()
    {
        using var core = new CoreHarness();
        core.Provider.GenerationTime = TimeSpan.FromSeconds(80);

        await core.SendAsync("video", "a fox in the snow --duration 5");
        await core.RunForAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1));

        var job = Assert.Single(core.Store.All);
        var (jobId, finalStatus) = Assert.Single(core.Platform.FinalStatuses);
        Assert.Equal(job.Id, jobId);
        Assert.Equal($"Done in {JobMessages.Elapsed(job.CreatedAt, job.FinishedAt!.Value)}. Job {job.Id}.", finalStatus.Text);
        Assert.Empty(finalStatus.Fields);
        Assert.Null(finalStatus.MentionUserId);
    }

    [Fact]
    public async Task Video_NoSeedGiven_BotChoosesOneAndShowsIt()
    {
        using var core = new CoreHarness();

        await core.SendAsync("video", "a lighthouse");

        var job = Assert.Single(core.Store.All);
        Assert.NotNull(job.Request.Seed);
        Assert.Contains(JobMessages.Describe(job), f => f.Label == "Seed" && f.Value == job.Request.Seed!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Generation_Fails_ReleasesTheChargeAndTellsTheUser()
    {
        using var core = new CoreHarness();
        core.Provider.NextJobError = new VideoJobError("generation_failed", "GPU fell over");

        await core.SendAsync("video", "a fox");
        await core.RunForAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(5));

        var job = Assert.Single(core.Store.All);
        Assert.Equal((JobState.Failed, ChargeState.Released, DeliveryState.Delivered), (job.State, job.Charge, job.Delivery));
        var delivery = Assert.Single(core.Platform.Deliveries);
        Assert.Equal(ChatTone.Error, delivery.Message.Tone);
        Assert.Contains("Nothing was charged", delivery.Message.Text, StringComparison.Ordinal);
        Assert.Empty(core.Store.Ledger);
    }

    [Fact]
    public async Task Submit_RefusedByTheProvider_FailsAndRefundsWithTheFieldNamed()
    {
        using var core = new CoreHarness();
        core.Provider.FailNextSubmit(new VideoProviderException(VideoProviderErrorKind.InvalidRequest, "422", [new FieldError("aspect_ratio", "must be one of 16:9, 9:16, 1:1")]));

        await core.SendAsync("video", "a fox");
        await core.RunForAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));

        var job = Assert.Single(core.Store.All);
        Assert.Equal((JobState.Failed, ChargeState.Released), (job.State, job.Charge));
        Assert.Contains("aspect_ratio", Assert.Single(core.Platform.Deliveries).Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ProviderDown_WaitsAndRetriesWithTheSameIdempotencyKey()
    {
        using var core = new CoreHarness();
        core.Provider.FailNextSubmit(new VideoProviderException(VideoProviderErrorKind.Unavailable, "503"));
        core.Provider.FailNextSubmit(new VideoProviderException(VideoProviderErrorKind.RateLimited, "429", retryAfter: TimeSpan.FromSeconds(30)));

        await core.SendAsync("video", "a fox");
        await core.RunForAsync(TimeSpan.FromMinutes(4), TimeSpan.FromSeconds(2));

        var job = Assert.Single(core.Store.All);
        Assert.Equal((JobState.Succeeded, DeliveryState.Delivered), (job.State, job.Delivery));
        Assert.Equal(3, core.Provider.Submits);
        Assert.Equal([job.Id], core.Provider.IdempotencyKeys);
        Assert.Equal([false, true, true], core.Provider.Requests.Select(r => r.MayExistAlready));
        Assert.All(core.Provider.Requests, r => Assert.Equal($"{job.Origin.Platform}:{job.Origin.WorkspaceId}:{job.UserId}", r.EndUserId));
        Assert.Contains(core.Platform.Statuses, s => s.Message.Text.Contains("Waiting for the video API", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Running_NeverFinishes_TimesOutAndRefunds()
    {
        using var core = new CoreHarness(new() { ["Jobs:Timeout"] = "00:05:00" });
        core.Provider.GenerationTime = TimeSpan.FromHours(2);

        await core.SendAsync("video", "a fox");
        await core.RunForAsync(TimeSpan.FromMinutes(7), TimeSpan.FromSeconds(10));

        var job = Assert.Single(core.Store.All);
        Assert.Equal((JobState.Failed, ChargeState.Released, DeliveryState.Delivered), (job.State, job.Charge, job.Delivery));
        Assert.Contains("did not finish", job.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_PlatformFailsTwice_RetriesWithBackoffAndDeliversOnce()
    {
        using var core = new CoreHarness();
        core.Platform.FailNextDeliveries(2);

        await core.SendAsync("video", "a fox");
        await core.RunForAsync(TimeSpan.FromMinutes(4), TimeSpan.FromSeconds(1));

        var job = Assert.Single(core.Store.All);
        Assert.Equal(DeliveryState.Delivered, job.Delivery);
        Assert.Equal(3, job.DeliveryAttempts);
        var delivery = Assert.Single(core.Platform.Deliveries);
        Assert.True(delivery.IsRetry);
    }

    [Fact]
    public async Task Delivery_InterruptedByACrash_IsRetriedAsARetrySoThePlatformCanDeduplicate()
    {
        using var core = new CoreHarness();
        await core.SendAsync("video", "a fox");
        await core.RunForAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));
        var delivered = Assert.Single(core.Store.All);

        // The state a crash leaves between "delivering" and "delivered".
        var crashed = await core.Store.TryUpdateAsync(delivered with { Delivery = DeliveryState.Delivering }, null, CancellationToken.None);
        await core.PassAsync();

        Assert.NotNull(crashed);
        Assert.Equal(2, core.Platform.Deliveries.Count);
        Assert.True(core.Platform.Deliveries.Last().IsRetry);
        Assert.Equal(DeliveryState.Delivered, (await core.Store.GetAsync(delivered.Id, CancellationToken.None))!.Delivery);
        Assert.Single(core.Store.Ledger);
    }

    [Fact]
    public async Task Submit_CrashWhileSubmitting_ResendsWithTheSameKeyAndCreatesOneProviderJob()
    {
        using var core = new CoreHarness();
        await core.SendAsync("video", "a fox");
        var queued = Assert.Single(core.Store.All);
        var submitting = await core.Store.TryUpdateAsync(queued with { State = JobState.Submitting }, null, CancellationToken.None);
        await core.Provider.SubmitAsync(submitting!.Request, submitting.Id, CancellationToken.None);

        await core.RunForAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1));

        Assert.Equal(DeliveryState.Delivered, Assert.Single(core.Store.All).Delivery);
        Assert.Single(core.Provider.IdempotencyKeys);
        Assert.Single(core.Platform.Deliveries);
        // The resend tells providers without idempotency keys (ModelArk) to look for the job first.
        Assert.True(core.Provider.Requests.Last().MayExistAlready);
    }

    [Fact]
    public void FairOrder_OneUsersBurst_DoesNotStarveOthers()
    {
        var t0 = new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);
        BotJob Job(string id, string user, int second, JobState state = JobState.Queued) => new()
        {
            Id = id, Origin = CoreHarness.Origin(), UserId = user, Request = new VideoRequest { Prompt = "x" }, Seconds = 5, CreatedAt = t0.AddSeconds(second), State = state,
        };

        var order = JobEngine.FairOrder(
        [
            Job("a1", "alice", 1), Job("a2", "alice", 2), Job("a3", "alice", 3), Job("a4", "alice", 4),
            Job("b1", "bob", 5), Job("c1", "carol", 6), Job("c2", "carol", 7), Job("r1", "bob", 0, JobState.Running),
        ]);

        Assert.Equal(["a1", "c1", "a2", "b1", "c2", "a3", "a4"], order.Select(j => j.Id));
    }

    [Fact]
    public async Task Poll_PastTheExpectedFinish_AsksAtOverduePrioritySoItPassesQueuedSubmissions()
    {
        using var core = new CoreHarness();
        // Expected after 80 s (5 s video); it takes 100: the first poll finds it running, the second (at its eta) done.
        core.Provider.GenerationTime = TimeSpan.FromSeconds(100);

        await core.SendAsync("video", "a fox in the snow --duration 5");
        await core.RunForAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1));

        Assert.Equal(DeliveryState.Delivered, Assert.Single(core.Store.All).Delivery);
        Assert.Equal([CallPriority.Overdue, CallPriority.Overdue], core.Provider.PollPriorities);
    }

    [Fact]
    public async Task Dispatch_AccountCap_KeepsExtraJobsQueuedWithTheirPosition()
    {
        using var core = new CoreHarness(new() { ["Seedance:MaxConcurrentJobs"] = "2", ["Quotas:MaxConcurrentJobs"] = "5" });
        core.Provider.GenerationTime = TimeSpan.FromMinutes(10);
        for (var i = 0; i < 4; i++)
        {
            await core.SendAsync("video", "shot " + i, user: "U" + i);
        }

        await core.PassAsync();

        Assert.Equal(2, core.Provider.Submits);
        Assert.Equal(2, core.Store.All.Count(j => j.State == JobState.Queued));
        Assert.Contains(core.Platform.Statuses, s => s.Message.Text.Contains("position 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatch_ApiRateLimited_StatusSaysWhenRequestsResume()
    {
        var throttle = Substitute.For<IProviderThrottle>();
        using var core = new CoreHarness(new() { ["Seedance:MaxConcurrentJobs"] = "1", ["Quotas:MaxConcurrentJobs"] = "5" }, services => services.AddSingleton(throttle));
        core.Provider.GenerationTime = TimeSpan.FromMinutes(10);
        throttle.ResumesAt.Returns(core.Time.GetUtcNow().AddSeconds(40));

        await core.SendAsync("video", "first", user: "A");
        await core.SendAsync("video", "second", user: "B");
        await core.PassAsync();

        Assert.Contains(core.Platform.Statuses, s => s.Message.Text.Contains("next in line", StringComparison.Ordinal)
            && s.Message.Text.Contains("rate limit is reached; requests resume in 0:40", StringComparison.Ordinal));
    }
}
