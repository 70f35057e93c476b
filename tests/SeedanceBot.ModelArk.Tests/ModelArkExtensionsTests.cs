using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;
using SeedanceBot.ModelArk.Http;
using SeedanceBot.Testing.ModelArk;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.ModelArk.Tests;

/// <summary>What AddModelArk wires: the retry pipeline (on the fake clock), the key fallback and the services Core sees.</summary>
public sealed class ModelArkExtensionsTests : IAsyncLifetime
{
    /// <summary>For waits of seconds: the assertions are "at least", so a coarse step only makes them quicker.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private ArkHarness _harness = null!;

    private FakeModelArk Ark => _harness.Ark;

    private IVideoProvider Provider => _harness.Provider;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await ArkHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private static VideoRequest Fox => new() { Prompt = "A red fox runs through snow", DurationSeconds = 5, Seed = 42 };

    [Fact]
    public async Task SubmitAsync_RateLimitedWithRetryAfter_WaitsOnTheClock_ThenCreatesOnce()
    {
        Ark.FailNext(429, "RateLimitExceeded.EndpointRPMExceeded", 1, retryAfterSeconds: 2);

        var submitted = await _harness.Time.DriveAsync(Provider.SubmitAsync(Fox, "job-1", Token), Step);

        var creates = _harness.ApiRequests.Where(r => r.Method == "POST").ToArray();
        Assert.Equal(2, creates.Length);
        Assert.True(creates[1].At - creates[0].At >= TimeSpan.FromSeconds(2), $"retried after {creates[1].At - creates[0].At}");
        Assert.Equal(creates[0].Body, creates[1].Body);
        Assert.Equal(Assert.Single(Ark.Tasks).Id, submitted.ProviderJobId);
    }

    [Fact]
    public async Task SubmitAsync_StillRateLimitedAfterRetries_ThrowsRateLimited()
    {
        Ark.FailNext(429, "ServerOverloaded", 4, retryAfterSeconds: 1);

        var error = await Assert.ThrowsAsync<VideoProviderException>(() => _harness.Time.DriveAsync(Provider.SubmitAsync(Fox, "job-1", Token), Step));

        Assert.Equal(VideoProviderErrorKind.RateLimited, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal(4, _harness.ApiRequests.Count(r => r.Method == "POST"));
        Assert.Empty(Ark.Tasks);
    }

    [Fact]
    public async Task GetJobAsync_ServerErrorOnce_IsRetried_AndSucceeds()
    {
        var submitted = await Provider.SubmitAsync(Fox, "job-1", Token);
        Ark.FailNext(500, "InternalServiceError");

        var status = await _harness.Time.DriveAsync(Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token), Step);

        Assert.Equal(VideoJobState.InProgress, status.State);
        var polls = _harness.ApiRequests.Where(r => r.Method == "GET").ToArray();
        Assert.Equal(2, polls.Length);
        Assert.Equal(polls[0].Path + polls[0].Query, polls[1].Path + polls[1].Query);
    }

    [Fact]
    public async Task GetJobAsync_ServerErrorEveryTime_GivesUpAfterThreeRetries_AsUnavailable()
    {
        var submitted = await Provider.SubmitAsync(Fox, "job-1", Token);
        Ark.FailNext(503, "ServiceUnavailable", times: 10);

        var error = await Assert.ThrowsAsync<VideoProviderException>(() => _harness.Time.DriveAsync(Provider.GetJobAsync(submitted.ProviderJobId, CallPriority.Background, Token), Step));

        Assert.Equal(VideoProviderErrorKind.Unavailable, error.Kind);
        Assert.Equal(4, _harness.ApiRequests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task DeleteAsync_NotFound_IsNotRetried()
    {
        var error = await Assert.ThrowsAsync<ModelArkApiException>(() => _harness.Client.DeleteAsync("cgt-20260315100000000999", Token));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.Status);
        Assert.Equal("ResourceNotFound", error.Code);
        Assert.Equal("id", error.Param);
        Assert.Single(Ark.Requests);
    }

    [Fact]
    public async Task AddModelArk_KeyOnlyInArkApiKey_IsUsedAsTheBearer()
    {
        await using var harness = await ArkHarness.StartAsync(new() { ["ModelArk:ApiKey"] = "", ["ARK_API_KEY"] = FakeModelArk.ApiKey });

        await harness.Provider.SubmitAsync(Fox, "job-1", Token);

        Assert.Equal(FakeModelArk.ApiKey, harness.Get<IOptions<ModelArkOptions>>().Value.ApiKey);
        Assert.Equal("Bearer " + FakeModelArk.ApiKey, Assert.Single(harness.Ark.Requests).Authorization);
        Assert.Single(harness.Ark.Tasks);
    }

    [Fact]
    public async Task AddModelArk_BothKeysSet_PrefersModelArkApiKey()
    {
        await using var harness = await ArkHarness.StartAsync(new() { ["ARK_API_KEY"] = "ark-other-key" });

        await harness.Provider.SubmitAsync(Fox, "job-1", Token);

        Assert.Equal("Bearer " + FakeModelArk.ApiKey, Assert.Single(harness.Ark.Requests).Authorization);
    }

    [Fact]
    public void AddModelArk_RegistersTheProvider_TheGateAsThrottle_AndModelArkPolling()
    {
        Assert.IsType<ModelArkVideoProvider>(Provider);
        Assert.Same(_harness.Gate, _harness.Get<IProviderThrottle>());
        var jobs = _harness.Get<IOptions<JobOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(15), jobs.ExpectedBase);
        Assert.Equal(TimeSpan.Zero, jobs.ExpectedPerVideoSecond);
        Assert.True(jobs.MinPollInterval >= TimeSpan.FromSeconds(5), $"MinPollInterval {jobs.MinPollInterval}");
    }

    [Theory]
    [InlineData("ModelArk", true)]
    [InlineData(" modelark ", true)]
    [InlineData("Seedance", false)]
    [InlineData(null, false)]
    public void IsSelected_ReadsSeedanceProvider(string? provider, bool selected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Seedance:Provider"] = provider }).Build();

        Assert.Equal(selected, ModelArkExtensions.IsSelected(configuration));
    }
}
