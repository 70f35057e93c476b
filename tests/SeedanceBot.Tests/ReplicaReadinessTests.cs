using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

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
    public async Task Video_OverDiscordHttpWhileDraining_IsDeferredAndItsJobMade_NotCutOffByTheStopSignal()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var time = FakeClock.Create();
        await using var discord = await FakeDiscord.StartAsync(time);
        await using var host = await BotHost.StartAsync(
            settings: new Dictionary<string, string>
            {
                ["Replica:Id"] = "bot-a",
                ["Shutdown:Drain"] = "00:00:10",
                ["Discord:Token"] = FakeDiscord.BotToken,
                ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
                ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
                ["Discord:Mode"] = "Http",
                ["Discord:PublicKey"] = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
            },
            clock: time);
        var drain = host.Services.GetRequiredService<ShutdownDrain>();

        // SIGTERM as the console lifetime handles it: the stop signal first (ApplicationStopping), then the host's stop,
        // whose drain keeps serving: commands routed here before /readyz turned must still be served.
        host.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().StopApplication();
        var stopping = host.BeginStop();
        await FakeSlack.WaitUntilAsync(() => drain.Draining);
        var interaction = discord.NewInteraction(2, new JsonObject
        {
            ["name"] = "video",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "prompt", ["type"] = 3, ["value"] = "a fox in the snow" }),
        });
        var body = interaction.ToJsonString();
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, System.Text.Encoding.UTF8.GetBytes(timestamp + body))));
        using var response = await host.Http.SendAsync(request, Token);
        var answer = await response.Content.ReadAsStringAsync(Token);
        await FakeSlack.WaitUntilAsync(() => host.Services.GetRequiredService<IJobStore>().ListActiveAsync(CancellationToken.None).GetAwaiter().GetResult().Count == 1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"type":5}""", answer);
        Assert.False(stopping.IsCompleted);
        await host.StopBotAsync();
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
