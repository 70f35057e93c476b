using SeedanceBot.Testing.ModelArk;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.ModelArk.Tests.Http;

/// <summary>The requests-per-minute gate as every call passes it, over real HTTP to the fake ModelArk, on a fake clock.</summary>
public sealed class ArkRequestGateTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitAsync_MinuteFull_ThirdCallWaitsUntilAMinuteAfterTheFirst()
    {
        await using var harness = await ArkHarness.StartAsync(new() { ["ModelArk:RequestsPerMinute"] = "2" });
        var start = harness.Time.GetUtcNow();

        Assert.Null(harness.Gate.ResumesAt);
        await harness.Client.ListAsync(null, 10, Token);
        harness.Time.Advance(TimeSpan.FromSeconds(20));
        await harness.Client.ListAsync(null, 10, Token);
        Assert.Equal(start + TimeSpan.FromMinutes(1), harness.Gate.ResumesAt);
        // The clock moves by hand, not with the driver: it stands still while the request is on the wire, so the time
        // the fake records is exactly when the gate let the call through.
        var third = harness.Client.ListAsync(null, 10, Token);
        harness.Time.Advance(TimeSpan.FromSeconds(40) - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50, Token);
        Assert.False(third.IsCompleted);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        await third.WaitAsync(TimeSpan.FromSeconds(20), Token);

        var at = harness.Ark.Requests.Select(r => r.At - start).ToArray();
        Assert.Equal(3, at.Length);
        Assert.Equal(TimeSpan.Zero, at[0]);
        Assert.Equal(TimeSpan.FromSeconds(20), at[1]);
        Assert.Equal(TimeSpan.FromMinutes(1), at[2]);

        // Still full: the second and third calls hold the minute until a minute after the second.
        Assert.Equal(start + TimeSpan.FromSeconds(80), harness.Gate.ResumesAt);
        harness.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(harness.Gate.ResumesAt);
    }

    [Fact]
    public async Task WaitAsync_UnderTheLimit_DoesNotWait()
    {
        await using var harness = await ArkHarness.StartAsync(new() { ["ModelArk:RequestsPerMinute"] = "3" });
        var start = harness.Time.GetUtcNow();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => harness.Client.ListAsync(null, 10, Token)));

        Assert.All(harness.Ark.Requests, r => Assert.Equal(start, r.At));
        Assert.Equal(start + TimeSpan.FromMinutes(1), harness.Gate.ResumesAt);
    }

    [Fact]
    public async Task Hold_After429_EveryCallerWaitsTheRetryAfter()
    {
        await using var harness = await ArkHarness.StartAsync();
        var start = harness.Time.GetUtcNow();
        harness.Ark.FailNext(429, "ModelAccountRpmRateLimitExceeded", 1, retryAfterSeconds: 30);

        var limited = harness.Client.ListAsync(null, 10, Token);
        await FakeModelArk.WaitUntilAsync(() => harness.Gate.ResumesAt is not null);
        Assert.Equal(start + TimeSpan.FromSeconds(30), harness.Gate.ResumesAt);
        var other = harness.Client.ListAsync(null, 20, Token);
        await harness.Time.DriveAsync(Task.WhenAll(limited, other), Step);

        var requests = harness.Ark.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.Equal(start, requests[0].At);
        Assert.All(requests[1..], r => Assert.True(r.At - start >= TimeSpan.FromSeconds(30), $"sent after {r.At - start}"));
        Assert.Null(harness.Gate.ResumesAt);
    }
}
