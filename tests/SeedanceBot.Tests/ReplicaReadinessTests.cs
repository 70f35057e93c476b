using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SeedanceBot.Testing.Slack;

namespace SeedanceBot.Tests;

/// <summary>What a load balancer and Prometheus see of one replica: its name and store on /readyz, its drain on SIGTERM, its id on /metrics.</summary>
public sealed class ReplicaReadinessTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readyz_NamesTheReplica_AndItsStorageProviderAndState()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string> { ["Replica:Id"] = "bot-a" });

        using var response = await host.Http.GetAsync(new Uri("/readyz", UriKind.Relative), Token);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bot-a", body.GetProperty("replica").GetString());
        Assert.Equal("LiteDb", body.GetProperty("storage").GetProperty("provider").GetString());
        Assert.Equal("ready", body.GetProperty("storage").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Readyz_WhileStopping_Answers503Draining_AndTheReplicaStillServesCommands()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string> { ["Replica:Id"] = "bot-a", ["Shutdown:Drain"] = "00:00:10" });
        var drain = host.Services.GetRequiredService<ShutdownDrain>();

        var stopping = host.BeginStop();
        await FakeSlack.WaitUntilAsync(() => drain.Draining);
        using var readyz = await host.Http.GetAsync(new Uri("/readyz", UriKind.Relative), Token);
        var body = JsonDocument.Parse(await readyz.Content.ReadAsStringAsync(Token)).RootElement;
        var help = await host.SendAsync("/help");

        // The drain runs on the host's clock: nothing stops before it has passed.
        Assert.False(stopping.IsCompleted);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.StatusCode);
        Assert.Equal("draining", body.GetProperty("status").GetString());
        Assert.Equal("bot-a", body.GetProperty("replica").GetString());
        Assert.NotEqual(JsonValueKind.Undefined, help.ValueKind);
        await host.StopBotAsync();
        Assert.True(stopping.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Metrics_OfTwoReplicas_NameEachInTargetInfo()
    {
        await using var a = await BotHost.StartAsync(settings: new Dictionary<string, string> { ["Replica:Id"] = "bot-a" });
        await using var b = await BotHost.StartAsync(settings: new Dictionary<string, string> { ["Replica:Id"] = "bot-b" });

        var fromA = await a.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Token);
        var fromB = await b.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Token);

        // Prometheus's convention for OpenTelemetry resources: one target_info series per scrape target, joined on
        // (job, instance) for a replica label; service.instance.id is the replica's id.
        Assert.Matches("""(?m)^target_info\{[^}]*service_name="seedancebot"[^}]*service_instance_id="bot-a"[^}]*\} 1$""", fromA);
        Assert.Matches("""(?m)^target_info\{[^}]*service_instance_id="bot-b"[^}]*\} 1$""", fromB);
        Assert.DoesNotContain("bot-b", fromA, StringComparison.Ordinal);
    }
}
