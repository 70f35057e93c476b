using Microsoft.AspNetCore.WebUtilities;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.ModelArk;

namespace SeedanceBot.ModelArk.Tests;

/// <summary>Polls batched into list calls (<c>filter.task_ids</c> repeated), through the provider, against the fake ModelArk.</summary>
public sealed class ArkTaskBatcherTests : IAsyncLifetime
{
    private ArkHarness _harness = null!;

    private IVideoProvider Provider => _harness.Provider;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await ArkHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private async Task<string[]> SubmitThreeAsync()
    {
        var ids = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var submitted = await Provider.SubmitAsync(new VideoRequest { Prompt = $"Clip number {i}", Seed = i }, $"job-{i}", Token);
            ids.Add(submitted.ProviderJobId);
        }

        return [.. ids];
    }

    [Fact]
    public async Task GetJobAsync_ThreePollsTogether_ShareAtMostTwoListCalls_AndNoTaskIsFetchedAlone()
    {
        var ids = await SubmitThreeAsync();
        var before = _harness.ApiRequests.Length;
        // Held until all three polls are asked for, however slowly this thread runs: the batch has to form in time.
        _harness.Ark.HoldListCalls = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var pending = ids.Select(id => Provider.GetJobAsync(id, CallPriority.Background, Token)).ToArray();
        _harness.Ark.HoldListCalls.SetResult();
        var statuses = await Task.WhenAll(pending);

        Assert.Equal(ids, statuses.Select(s => s.ProviderJobId));
        Assert.All(statuses, s => Assert.Equal(VideoJobState.InProgress, s.State));
        var polls = _harness.ApiRequests[before..];
        Assert.InRange(polls.Length, 1, 2);
        Assert.All(polls, p => Assert.Equal("GET " + ArkHarness.TasksPath, p.Method + " " + p.Path));
        var asked = polls.SelectMany(p => QueryHelpers.ParseQuery(p.Query)["filter.task_ids"].Select(v => v!));
        Assert.Equal(ids.Order(StringComparer.Ordinal), asked.Order(StringComparer.Ordinal));
        Assert.Contains(_harness.Logs.Entries, e => e.EventId.Name == "ModelArkBatchPoll");
    }

    [Fact]
    public async Task GetJobAsync_OnePoll_IsOneListCallForThatTask()
    {
        var ids = await SubmitThreeAsync();
        var before = _harness.ApiRequests.Length;

        var status = await Provider.GetJobAsync(ids[1], CallPriority.Background, Token);

        Assert.Equal(ids[1], status.ProviderJobId);
        var poll = Assert.Single(_harness.ApiRequests[before..]);
        Assert.Equal("GET", poll.Method);
        Assert.Equal(ArkHarness.TasksPath, poll.Path);
        Assert.Equal($"?page_num=1&page_size=1&filter.task_ids={ids[1]}", poll.Query);
    }

    [Fact]
    public async Task GetJobAsync_ListCallRefused_FailsEveryPollThatSharedIt()
    {
        var ids = await SubmitThreeAsync();
        _harness.Ark.FailNext(403, "AccessDenied", times: 3);

        var polls = ids.Select(id => Provider.GetJobAsync(id, CallPriority.Background, Token)).ToArray();

        foreach (var poll in polls)
        {
            var error = await Assert.ThrowsAsync<VideoProviderException>(() => poll);
            Assert.Equal(VideoProviderErrorKind.Unauthorized, error.Kind);
        }

        Assert.DoesNotContain(_harness.ApiRequests, r => r.Path.StartsWith(ArkHarness.TasksPath + "/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetJobAsync_TaskMissingFromTheList_IsFetchedAlone()
    {
        var ids = await SubmitThreeAsync();
        _harness.Time.Advance(FakeModelArk.Retention);
        var before = _harness.ApiRequests.Length;

        var error = await Assert.ThrowsAsync<VideoProviderException>(() => Provider.GetJobAsync(ids[0], CallPriority.Background, Token));

        Assert.Equal(VideoProviderErrorKind.NotFound, error.Kind);
        Assert.Equal(
            [$"GET {ArkHarness.TasksPath}", $"GET {ArkHarness.TasksPath}/{ids[0]}"],
            _harness.ApiRequests[before..].Select(r => r.Method + " " + r.Path));
    }
}
