using SeedanceBot.Core.Video;
using SeedanceBot.Simulator;

namespace SeedanceBot.Seedance.Tests.RateLimiting;

public sealed class SharedGateOverHttpTests
{
    [Theory]
    [InlineData(10, 35)]
    [InlineData(4, 20)]
    public async Task ConcurrentCallers_SharingTheGate_NeverGetA429(int requestsPerMinute, int callers)
    {
        await using var host = await SeedanceTestHost.StartAsync(new SimulatorOptions { ApiKeys = SeedanceTestHost.ApiKey, RequestsPerMinute = requestsPerMinute });
        var client = host.Client;

        var calls = Enumerable.Range(0, callers)
            .Select(i => i % 3 == 0
                ? client.GetVideoAsync("vid_none_" + i, CallPriority.Background, CancellationToken.None).ContinueWith(_ => 0, TaskScheduler.Default)
                : client.GetBalanceAsync(CancellationToken.None).ContinueWith(t => t.IsCompletedSuccessfully ? 1 : -1, TaskScheduler.Default))
            .ToList();
        var results = await host.DriveAsync(Task.WhenAll(calls), stepSeconds: 0.5);

        Assert.DoesNotContain(-1, results);
        Assert.DoesNotContain(host.Simulator.Requests, r => r.StatusCode == 429);
        Assert.Equal(callers, host.Simulator.Requests.Count);
        var perWindow = host.Simulator.Requests.GroupBy(r => r.ReceivedAt.ToUnixTimeSeconds() / 60).Select(g => g.Count());
        Assert.All(perWindow, count => Assert.InRange(count, 1, requestsPerMinute));
    }

    [Fact]
    public async Task ConcurrentCallers_WithExhaustedWindow_SubmissionsGoBeforeBackgroundPolls()
    {
        await using var host = await SeedanceTestHost.StartAsync(new SimulatorOptions { ApiKeys = SeedanceTestHost.ApiKey, RequestsPerMinute = 1 });
        var client = host.Client;
        await host.DriveAsync(client.GetStylesAsync(CancellationToken.None));

        var polls = Enumerable.Range(0, 3).Select(i => client.GetVideoAsync("vid_x" + i, CallPriority.Background, CancellationToken.None)).ToList();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        var submission = client.SubmitAsync(new() { Prompt = "a red kite over the sea" }, "job-prio", CancellationToken.None);
        await host.DriveAsync(Task.WhenAll(polls.Select(p => p.ContinueWith(_ => 0, TaskScheduler.Default)).Append(submission.ContinueWith(_ => 0, TaskScheduler.Default))), stepSeconds: 0.5);

        // One request per window: the order of the windows is the order the gate let them out.
        var afterWarmUp = host.Simulator.Requests.Skip(1).ToList();
        Assert.Equal(["POST", "GET", "GET", "GET"], afterWarmUp.Select(r => r.Method));
        Assert.Equal(4, afterWarmUp.Select(r => r.ReceivedAt.ToUnixTimeSeconds() / 60).Distinct().Count());
        Assert.DoesNotContain(host.Simulator.Requests, r => r.StatusCode == 429);
    }

    [Fact]
    public async Task ConcurrentCallers_WithExhaustedWindow_OverduePollGoesBeforeQueuedSubmissionThenEarlyPoll()
    {
        await using var host = await SeedanceTestHost.StartAsync(new SimulatorOptions { ApiKeys = SeedanceTestHost.ApiKey, RequestsPerMinute = 1 });
        var client = host.Client;
        await host.DriveAsync(client.GetStylesAsync(CancellationToken.None));

        // Queued in the worst order for the poll: the submission first, the job past its expected finish last.
        var submission = client.SubmitAsync(new() { Prompt = "a red kite over the sea" }, "job-prio", CancellationToken.None);
        var early = client.GetVideoAsync("vid_early", CallPriority.Background, CancellationToken.None);
        var overdue = client.GetVideoAsync("vid_overdue", CallPriority.Overdue, CancellationToken.None);
        Task[] all = [submission, early, overdue];
        await host.DriveAsync(Task.WhenAll(all.Select(t => t.ContinueWith(_ => 0, TaskScheduler.Default))), stepSeconds: 0.5);

        var afterWarmUp = host.Simulator.Requests.Skip(1).ToList();
        Assert.Equal(["GET vid_overdue", "POST", "GET vid_early"], afterWarmUp.Select(r => r.Method == "GET" ? "GET " + r.Path[(r.Path.LastIndexOf('/') + 1)..] : r.Method));
        Assert.DoesNotContain(host.Simulator.Requests, r => r.StatusCode == 429);
    }
}
