using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace SeedanceBot.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_MidJob_ResumesDeliversOnceAndChargesOnce()
    {
        await using var host = await BotHost.StartAsync();
        var sent = await host.SendAsync("/video a lighthouse in a storm --duration 6");
        var jobId = sent.GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.State == JobState.Running);

        // Kill the bot while the provider is still generating, let the job finish meanwhile, start a new bot.
        await host.StopBotAsync();
        host.Time.Advance(TimeSpan.FromMinutes(3));
        await host.StartBotAsync();
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(50);

        var job = (await host.JobAsync(jobId))!;
        Assert.Equal((JobState.Succeeded, ChargeState.Committed), (job.State, job.Charge));
        var results = (await host.MessagesAsync()).Where(m => m.GetProperty("id").GetString() == jobId + ":result").ToList();
        Assert.Single(results);
        Assert.Contains("/media/", Assert.Single(results).GetProperty("videoUrl").GetString(), StringComparison.Ordinal);
        Assert.Single(host.Simulator.Jobs);
        var usage = await host.Services.GetRequiredService<IJobStore>().GetUsageAsync("playground", "local", "you", job.CreatedAt.AddHours(-1), CancellationToken.None);
        Assert.Equal(new QuotaUsage(1, 6, 0), usage);
        var top = await host.Services.GetRequiredService<IJobStore>().TopUsersAsync("playground", "local", job.CreatedAt.AddHours(-1), 5, CancellationToken.None);
        Assert.Equal(1, Assert.Single(top).Videos);
    }

    [Fact]
    public async Task Restart_WithAFinishedButUndeliveredJob_DeliversItOnce()
    {
        await using var host = await BotHost.StartAsync();
        var jobId = (await host.SendAsync("/video waves --duration 3")).GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered);

        // The state a crash between "delivering" and "delivered" leaves behind.
        var store = host.Services.GetRequiredService<IJobStore>();
        var delivered = (await store.GetAsync(jobId, CancellationToken.None))!;
        await store.TryUpdateAsync(delivered with { Delivery = DeliveryState.Delivering }, null, CancellationToken.None);
        await host.StopBotAsync();
        await host.StartBotAsync();
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered);

        Assert.Single(await host.MessagesAsync(), m => m.GetProperty("id").GetString() == jobId + ":result");
        Assert.Equal(ChargeState.Committed, (await host.JobAsync(jobId))!.Charge);
    }

    [Fact]
    public async Task FailedGeneration_RefundsTheQuotaAndSaysSo()
    {
        await using var host = await BotHost.StartAsync(new SimulatorOptions { FailureRate = 1, RequestsPerMinute = 600 });
        var jobId = (await host.SendAsync("/video a red kite --duration 4")).GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered);

        var job = (await host.JobAsync(jobId))!;
        Assert.Equal((JobState.Failed, ChargeState.Released), (job.State, job.Charge));
        var result = Assert.Single(await host.MessagesAsync(), m => m.GetProperty("id").GetString() == jobId + ":result");
        Assert.Contains("Nothing was charged", result.GetProperty("text").GetString(), StringComparison.Ordinal);
        var balance = await host.SendAsync("/balance");
        Assert.Contains(balance.GetProperty("reply").GetProperty("fields").EnumerateArray(), f => f.GetProperty("value").GetString() == "10 of 10");
    }
}
