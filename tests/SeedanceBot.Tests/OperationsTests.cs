using System.Net;
using System.Text.Json;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Tests;

/// <summary>What an operator's tooling sees: /healthz and the --healthcheck switch, /readyz per part, /metrics in Prometheus format.</summary>
public sealed class OperationsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HealthcheckSwitch_ExitsZeroForARunningBot_AndOneWhenNothingAnswers()
    {
        await using var host = await BotHost.StartAsync();

        var healthy = await HealthProbe.RunAsync(["--healthcheck=" + new Uri(host.Http.BaseAddress!, "healthz")]);
        var nobody = await HealthProbe.RunAsync(["--healthcheck=http://127.0.0.1:9/healthz"]);

        Assert.Equal(0, healthy);
        Assert.Equal(1, nobody);
        Assert.Equal(new Uri("http://127.0.0.1:8080/healthz"), HealthProbe.Target(["--healthcheck"]));
    }

    [Fact]
    public async Task Readyz_ListsEveryPart_AndIsNotReadyUntilTheChatConnectionIs()
    {
        var time = FakeClock.Create();
        await using var slack = await FakeSlack.StartAsync(time);
        slack.AutoHello = false;
        await using var host = await BotHost.StartAsync(clock: time, settings: new Dictionary<string, string>
        {
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:AppToken"] = FakeSlack.AppToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
        });
        var session = await slack.NextSocketSessionAsync();

        using var before = await host.Http.GetAsync(new Uri("/readyz", UriKind.Relative), Token);
        var waiting = JsonDocument.Parse(await before.Content.ReadAsStringAsync(Token)).RootElement;
        await session.SendHelloAsync();
        using var after = await WaitForAsync(host, HttpStatusCode.OK);
        var ready = JsonDocument.Parse(await after.Content.ReadAsStringAsync(Token)).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal("not_ready", waiting.GetProperty("status").GetString());
        Assert.Equal("not_ready", State(waiting, "slack"));
        Assert.Equal("ready", State(waiting, "storage"));
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(["slack", "storage", "video-api"], ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task Start_WithSeveralPlatformsMisconfigured_NamesEveryKeyInOneMessage_WithoutSecrets()
    {
        var app = await BotApplication.BuildAsync([
            "--urls=http://127.0.0.1:0",
            "--Discord:Token=discord-secret-value",
            "--Slack:BotToken=" + FakeSlackTokens.Bot("slack-secret-value"),
            "--Seedance:Provider=ModelArk",
            "--Storage:Path=" + Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "bot.db"),
        ]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(Token));
        var message = StartupFailure.Describe(error);

        Assert.NotNull(message);
        Assert.StartsWith("SeedanceBot cannot start:", message, StringComparison.Ordinal);
        Assert.Contains("Discord:ApplicationId", message, StringComparison.Ordinal);
        Assert.Contains("Slack:AppToken", message, StringComparison.Ordinal);
        Assert.Contains("ModelArk:ApiKey", message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at SeedanceBot", message, StringComparison.Ordinal);
        Assert.Null(StartupFailure.Describe(new InvalidOperationException("a bug")));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Logs_AtTraceLevel_NeverContainTheConfiguredSecrets()
    {
        const string SeedanceKey = "sk-host-test";
        var time = FakeClock.Create();
        await using var slack = await FakeSlack.StartAsync(time);
        await using var host = await BotHost.StartAsync(clock: time, settings: new Dictionary<string, string>
        {
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:AppToken"] = FakeSlack.AppToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Playground:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Polly"] = "Trace",
        });
        var session = await slack.NextSocketSessionAsync();
        var id = await session.SendEnvelopeAsync("slash_commands", slack.NewSlashCommand("/video", "a fox --duration 4"));
        await session.NextAckAsync(id);
        var jobId = (await host.SendAsync("/video a gull --duration 4")).GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered && slack.Files.Values.Any(f => f.Completed));

        var logged = host.Logs.AllText;

        Assert.True(host.Logs.Entries.Count > 50, $"the run should have logged plenty at Trace level, not {host.Logs.Entries.Count}");
        Assert.Contains(host.Logs.Entries, e => e.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.DoesNotContain(SeedanceKey, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSlack.BotToken, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSlack.AppToken, logged, StringComparison.Ordinal);
        Assert.DoesNotContain("/commands/", logged, StringComparison.Ordinal); // response_url paths are credentials too
    }

    [Fact]
    public async Task Backup_ByAnAdmin_WritesACopyBesideTheDatabase_AMemberIsRefused()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string> { ["Playground:EveryoneIsAdmin"] = "false", ["Playground:AdminUserIds:0"] = "boss" });
        await host.SendAsync("/video a fox --duration 4", user: "boss");

        var member = (await host.SendAsync("/backup", user: "member")).GetProperty("reply");
        var admin = (await host.SendAsync("/backup", user: "boss")).GetProperty("reply");

        Assert.Equal("error", member.GetProperty("tone").GetString());
        var text = admin.GetProperty("text").GetString()!;
        Assert.StartsWith("Backup written: ", text, StringComparison.Ordinal);
        Assert.True(admin.GetProperty("ephemeral").GetBoolean());
        var file = Assert.Single(Directory.GetFiles(Path.Combine(host.Folder, "backups")));
        Assert.Contains(file, text, StringComparison.Ordinal);
        Assert.True(new FileInfo(file).Length > 0);
    }

    private static string? State(JsonElement body, string name) =>
        body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).GetProperty("state").GetString();

    private static async Task<HttpResponseMessage> WaitForAsync(BotHost host, HttpStatusCode status)
    {
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (waiting.Elapsed < TimeSpan.FromSeconds(20))
        {
            var response = await host.Http.GetAsync(new Uri("/readyz", UriKind.Relative), Token);
            if (response.StatusCode == status)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(20, Token);
        }

        throw new TimeoutException("/readyz never answered " + status);
    }
}
