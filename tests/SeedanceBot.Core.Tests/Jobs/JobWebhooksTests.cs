using System.Text;
using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Core.Tests.Jobs;

public sealed class JobWebhooksTests
{
    private static readonly Dictionary<string, string?> WithWebhooks = new() { ["Seedance:WebhookBaseUrl"] = "https://bot.example.test/" };

    [Fact]
    public async Task Receive_FinishedJobFromTheProvider_DeliversWithoutAPoll()
    {
        using var core = new CoreHarness(WithWebhooks);
        core.Provider.GenerationTime = TimeSpan.FromSeconds(80);
        var job = await RunningAfterAsync(core, TimeSpan.FromSeconds(81));

        await ReceiveAsync(core, job, job.ProviderJobId!);
        await core.PassAsync();

        var done = Assert.Single(core.Store.All);
        Assert.Equal((JobState.Succeeded, DeliveryState.Delivered), (done.State, done.Delivery));
        Assert.Equal(0, core.Provider.Polls);
        Assert.Equal(1, core.Provider.Submits);
    }

    [Fact]
    public async Task Submit_WithWebhooks_FirstPollIsOnlyALateSafetyNet()
    {
        using var core = new CoreHarness(WithWebhooks);
        core.Provider.GenerationTime = TimeSpan.FromSeconds(80);

        // No callback arrives: the bot looks by itself at twice the expected 80 s, not at 80 s.
        var job = await RunningAfterAsync(core, TimeSpan.FromSeconds(150));
        Assert.Equal(0, core.Provider.Polls);
        await core.RunForAsync(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1));

        Assert.Equal(1, core.Provider.Polls);
        Assert.Equal(DeliveryState.Delivered, (await core.Store.GetAsync(job.Id, CancellationToken.None))!.Delivery);
    }

    [Fact]
    public async Task Receive_BodyNamingAnotherProviderJob_IsNotTakenAndTheBotPollsNow()
    {
        using var core = new CoreHarness(WithWebhooks);
        core.Provider.GenerationTime = TimeSpan.FromSeconds(80);
        var job = await RunningAfterAsync(core, TimeSpan.FromSeconds(81));

        await ReceiveAsync(core, job, "fake_someone_else");
        await core.PassAsync();

        var done = Assert.Single(core.Store.All);
        Assert.Equal(DeliveryState.Delivered, done.Delivery);
        Assert.Equal(1, core.Provider.Polls);
        Assert.DoesNotContain("evil", done.VideoUrl!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_ProviderWhoseCallbacksAreOnlyHints_PollsNow()
    {
        using var core = new CoreHarness(WithWebhooks);
        core.Provider.GenerationTime = TimeSpan.FromSeconds(80);
        core.Provider.ReadsWebhooks = false;
        var job = await RunningAfterAsync(core, TimeSpan.FromSeconds(81));

        await ReceiveAsync(core, job, job.ProviderJobId!);
        await core.PassAsync();

        Assert.Equal(DeliveryState.Delivered, Assert.Single(core.Store.All).Delivery);
        Assert.Equal(1, core.Provider.Polls);
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData("")]
    public async Task Find_WrongToken_Null(string token)
    {
        using var core = new CoreHarness(WithWebhooks);
        var job = await RunningAfterAsync(core, TimeSpan.FromSeconds(1));

        Assert.Null(await core.Get<JobWebhooks>().FindAsync(job.Id, token, CancellationToken.None));
        Assert.Null(await core.Get<JobWebhooks>().FindAsync("no-such-job", job.WebhookToken!, CancellationToken.None));
        Assert.NotNull(await core.Get<JobWebhooks>().FindAsync(job.Id, job.WebhookToken!, CancellationToken.None));
    }

    private static async Task<BotJob> RunningAfterAsync(CoreHarness core, TimeSpan elapsed)
    {
        await core.SendAsync("video", "a fox in the snow --duration 5");
        await core.RunForAsync(elapsed, TimeSpan.FromSeconds(1));
        var job = Assert.Single(core.Store.All);
        Assert.Equal(JobState.Running, job.State);
        return job;
    }

    private static async Task ReceiveAsync(CoreHarness core, BotJob job, string body)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));
        Assert.True(await core.Get<JobWebhooks>().HandleAsync(job.Id, job.WebhookToken!, stream, CancellationToken.None));
    }
}
