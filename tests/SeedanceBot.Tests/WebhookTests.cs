using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Tests;

public sealed class WebhookTests
{
    [Fact]
    public async Task Webhook_FromTheSimulator_DeliversTheResultWithoutAPoll_AndWrongTokensAreRefused()
    {
        var port = FreePort();
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Seedance:WebhookBaseUrl"] = $"http://127.0.0.1:{port}/",
            // Poll late on purpose: only the webhook can make the bot notice the finish early.
            ["Jobs:ExpectedBase"] = "00:30:00",
            ["Jobs:Timeout"] = "02:00:00",
        });

        var jobId = (await host.SendAsync("/video a paper boat --duration 2")).GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.State == JobState.Running);
        var job = (await host.JobAsync(jobId))!;
        var sent = JsonDocument.Parse(host.Simulator.Jobs[0].RequestJson).RootElement.GetProperty("webhook_url").GetString();
        using var forged = await host.Http.PostAsync(new Uri($"/hooks/video/{jobId}/not-the-token", UriKind.Relative), null);
        // Well short of the 30-minute poll: only the webhook can finish it within these steps.
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered, maxSteps: 600);

        Assert.Equal($"http://127.0.0.1:{port}/hooks/video/{jobId}/{job.WebhookToken}", sent);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        var finished = (await host.JobAsync(jobId))!;
        // Minutes, not seconds: the clock keeps stepping while the webhook and the poll it triggers are on the wire.
        Assert.True(finished.FinishedAt - host.Simulator.Jobs[0].FinishesAt < TimeSpan.FromMinutes(5), "the webhook, not the 30-minute poll, found the finish");
        // The callback's body is the result: one submission, no GET of the job.
        Assert.DoesNotContain(host.Simulator.Requests, r => r.Method == "GET" && r.Path.Contains(finished.ProviderJobId!, StringComparison.Ordinal));
        Assert.Equal(JobState.Succeeded, finished.State);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
