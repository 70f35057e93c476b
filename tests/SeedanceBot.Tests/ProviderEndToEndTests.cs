using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.ModelArk;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Tests;

/// <summary>
/// The whole bot once per video provider (the product's Seedance v2 contract on the simulator, and BytePlus ModelArk
/// on its fake), through the playground's HTTP API: the two stay equivalent where they should, and ModelArk's own
/// rules (one multi-shot prompt, local styles, the concurrency cap, expiring links, unsigned callbacks) hold end to end.
/// </summary>
public sealed class ProviderEndToEndTests
{
    public const string SeedanceV2 = "SeedanceV2";
    public const string ModelArk = "ModelArk";

    public static TheoryData<string> Providers => [SeedanceV2, ModelArk];

    private sealed class Bot(BotHost host, FakeModelArk? ark) : IAsyncDisposable
    {
        public BotHost Host { get; } = host;

        public FakeModelArk? Ark { get; } = ark;

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            if (Ark is not null)
            {
                await Ark.DisposeAsync();
            }
        }
    }

    private static async Task<Bot> StartAsync(string provider, Dictionary<string, string>? settings = null)
    {
        var time = FakeClock.Create();
        settings ??= [];
        var ark = await UseProviderAsync(provider, time, settings);
        return new Bot(await BotHost.StartAsync(settings: settings, clock: time), ark);
    }

    /// <summary>Points the bot's settings at <paramref name="provider"/>: the simulator (BotHost's default) or a fake ModelArk, returned for disposal.</summary>
    internal static async Task<FakeModelArk?> UseProviderAsync(string provider, FakeTimeProvider time, Dictionary<string, string> settings)
    {
        if (provider != ModelArk)
        {
            return null;
        }

        var ark = await FakeModelArk.StartAsync(time);
        settings["Seedance:Provider"] = ModelArk;
        settings["ModelArk:BaseUrl"] = ark.BaseUrl.ToString();
        settings["ModelArk:ApiKey"] = FakeModelArk.ApiKey;
        settings["ModelArk:RequestsPerMinute"] = "600";
        return ark;
    }

    private static string Text(JsonElement reply) => reply.GetProperty("text").GetString()!;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Video_IsDelivered_WithAnMp4ThatDownloads_AndItsSecondsCharged(string provider)
    {
        await using var bot = await StartAsync(provider);
        var host = bot.Host;

        var jobId = (await host.SendAsync("/video a fox walking through a snowy forest --duration 5 --ar 9:16 --seed 7")).GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered);

        var job = (await host.JobAsync(jobId))!;
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(5, job.Seconds);
        Assert.NotEqual(ChargeState.Released, job.Charge);
        using var http = new HttpClient();
        var video = await http.GetByteArrayAsync(job.VideoUrl, TestContext.Current.CancellationToken);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(video, 4, 4));
        var status = (await host.SendAsync("/status " + jobId)).GetProperty("reply");
        Assert.StartsWith("Done in", Text(status), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Playground_VideoWithAFirstFrame_ThenContinue_SendsEachImageInItsRole(string provider)
    {
        await using var bot = await StartAsync(provider);
        var host = bot.Host;
        var png = SeedanceBot.Testing.Images.TestImages.Png(640, 360);
        using var sent = await host.Http.PostAsJsonAsync(new Uri("/playground/api/commands", UriKind.Relative), new
        {
            text = "/video the fox turns its head --duration 5",
            user = "you",
            images = new[] { new { role = "first_frame", name = "fox.png", data = Convert.ToBase64String(png) } },
        });
        var firstId = JsonDocument.Parse(await sent.Content.ReadAsStringAsync()).RootElement.GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(firstId))?.Delivery == DeliveryState.Delivered);

        using var clicked = await host.Http.PostAsJsonAsync(new Uri("/playground/api/actions", UriKind.Relative), new { action = "continue", job = firstId, user = "you", prompt = "the fox runs off" });
        var secondId = JsonDocument.Parse(await clicked.Content.ReadAsStringAsync()).RootElement.GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(secondId))?.Delivery == DeliveryState.Delivered);

        Assert.Equal(firstId, (await host.JobAsync(secondId))!.Request.ContinuesJobId);
        if (bot.Ark is null)
        {
            var jobs = host.Simulator.Jobs;
            Assert.Equal(2, jobs.Count);
            string Sha(int job) => (string)JsonNode.Parse(jobs[job].RequestJson)!["images"]!.AsArray().Single(i => (string?)i!["role"] == "first_frame")!["sha256"]!;
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), Sha(0));
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(SeedanceBot.Simulator.SeedanceSimulator.LastFramePng.Span)), Sha(1));
        }
        else
        {
            var tasks = bot.Ark.Tasks.OrderBy(t => t.CreatedAt).ToList();
            Assert.Equal(2, tasks.Count);
            string Frame(int task) => (string)tasks[task].Request["content"]!.AsArray().Single(c => (string?)c!["role"] == "first_frame")!["image_url"]!["url"]!;
            Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), Frame(0));
            Assert.Equal("data:image/png;base64," + Convert.ToBase64String(FakeModelArk.LastFramePng), Frame(1));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Video_OutOfTheProvidersRange_IsRefusedBeforeAnyCall(string provider)
    {
        await using var bot = await StartAsync(provider);

        var reply = (await bot.Host.SendAsync("/video a cat --duration 25")).GetProperty("reply");

        Assert.Equal("error", reply.GetProperty("tone").GetString());
        Assert.Contains("duration", Text(reply), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(bot.Host.Simulator.Jobs);
        Assert.True(bot.Ark is null || bot.Ark.Tasks.Count == 0);
    }

    [Fact]
    public async Task ModelArk_Storyboard_IsOnePromptOfShotsInOrder_WithStyleCameraAndMotionAsWords()
    {
        await using var bot = await StartAsync(ModelArk);
        var host = bot.Host;

        var jobId = (await host.SendAsync("/video Wide shot of a harbour at dawn [4s] | Close-up of a gull taking off [3s] --style anime --camera zoom-in --motion low --seed 42")).GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered);

        var sent = Assert.Single(bot.Ark!.Tasks).Request;
        Assert.Equal(
            "A multi-shot video of 2 shots, in this order. Shot 1 (4 s): Wide shot of a harbour at dawn. Shot 2 (3 s): Close-up of a gull taking off. Camera: slow zoom in. Motion: calm, minimal movement. Style: anime style, cel shading, vivid colours.",
            (string?)sent["content"]![0]!["text"]);
        Assert.Equal(7, (int?)sent["duration"]);
        Assert.Equal(42, (long?)sent["seed"]);
        Assert.Equal(64, ((string?)sent["safety_identifier"])!.Length);
        Assert.DoesNotContain("you", (string?)sent["safety_identifier"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelArk_StylesAndBalance_ComeFromTheBot_NotTheApi()
    {
        await using var bot = await StartAsync(ModelArk);

        var styles = (await bot.Host.SendAsync("/styles")).GetProperty("reply");
        var balance = (await bot.Host.SendAsync("/balance")).GetProperty("reply");

        Assert.Contains(styles.GetProperty("fields").EnumerateArray(), f => f.GetProperty("label").GetString() == "anime");
        var fields = balance.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("label").GetString()!, f => f.GetProperty("value").GetString()!);
        Assert.Contains("console", fields["Account credit"], StringComparison.Ordinal);
        Assert.Equal("0 videos, 0 s", fields["Generated, last 30 days (bot's ledger)"]);
        Assert.DoesNotContain(bot.Ark!.Requests, r => r.Path.Contains("balance", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ModelArk_ModerationFailure_IsPolite_AndChargesNothing()
    {
        await using var bot = await StartAsync(ModelArk);
        bot.Ark!.FailTaskWith = "OutputVideoSensitiveContentDetected";
        var host = bot.Host;

        var jobId = (await host.SendAsync("/video a fox --duration 4")).GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered);

        var job = (await host.JobAsync(jobId))!;
        Assert.Equal(JobState.Failed, job.State);
        Assert.NotEqual(ChargeState.Committed, job.Charge);
        var messages = await host.MessagesAsync();
        Assert.Contains(messages, m => m.GetProperty("text").GetString()!.Contains("content policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ModelArk_FailedTask_SeenThroughTheBatchList_ShowsTheUserArksReason_AndChargesNothing()
    {
        await using var bot = await StartAsync(ModelArk);
        var host = bot.Host;
        var jobId = (await host.SendAsync("/video a fox --duration 4")).GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.State == JobState.Running);

        bot.Ark!.Fail(Assert.Single(bot.Ark.Tasks).Id, "InternalServiceError", "The render node ran out of memory.");
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered);

        var job = (await host.JobAsync(jobId))!;
        Assert.Equal(JobState.Failed, job.State);
        Assert.NotEqual(ChargeState.Committed, job.Charge);
        Assert.Contains("The render node ran out of memory", job.Failure, StringComparison.Ordinal);
        var messages = await host.MessagesAsync();
        Assert.Contains(messages, m => m.GetProperty("text").GetString()!.Contains("The render node ran out of memory", StringComparison.Ordinal));
        // Polled through the list only: no task was fetched alone.
        Assert.DoesNotContain(bot.Ark.Requests, r => r.Method == "GET" && r.Path.StartsWith("/contents/generations/tasks/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ModelArk_MoreVideosThanTheAccountMayRun_WaitInTheBotsQueue_AtMostThreeAtTheApi()
    {
        await using var bot = await StartAsync(ModelArk, new() { ["Quotas:MaxConcurrentJobs"] = "5" });
        var host = bot.Host;

        var jobs = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            jobs.Add((await host.SendAsync($"/video a fox number {i} --duration 4", user: "user" + i)).GetProperty("jobId").GetString()!);
        }

        await host.RunUntilAsync(async () =>
        {
            var states = await Task.WhenAll(jobs.Select(host.JobAsync));
            return states.All(j => j?.Delivery == DeliveryState.Delivered);
        });

        Assert.Equal(3, bot.Ark!.MostActiveAtOnce);
        Assert.Equal(5, bot.Ark!.Tasks.Count);
    }

    [Fact]
    public async Task ModelArk_StatusOfAVideoOlderThanItsLink_SaysTheLinkExpired()
    {
        await using var bot = await StartAsync(ModelArk);
        var host = bot.Host;
        var jobId = (await host.SendAsync("/video a fox --duration 4")).GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered);

        host.Time.Advance(TimeSpan.FromHours(25));
        var status = (await host.SendAsync("/status " + jobId)).GetProperty("reply");

        Assert.Contains("link expired", Text(status), StringComparison.Ordinal);
        Assert.True(status.GetProperty("videoUrl").ValueKind is JsonValueKind.Null or JsonValueKind.Undefined);
    }

    [Fact]
    public async Task ModelArk_Callbacks_AreAcknowledged_AndOnlyTriggerAFreshLook()
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        await using var bot = await StartAsync(ModelArk, new() { ["urls"] = url, ["Jobs:WebhookBaseUrl"] = url });
        var host = bot.Host;
        var jobId = (await host.SendAsync("/video a fox --duration 4")).GetProperty("jobId").GetString()!;
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.State == JobState.Running);
        var job = (await host.JobAsync(jobId))!;

        // A forged "succeeded" with someone else's link changes nothing: the bot asks the API itself.
        using var forged = await host.Http.PostAsync(new Uri($"/hooks/video/{jobId}/{job.WebhookToken}", UriKind.Relative),
            new StringContent("""{"id":"x","status":"succeeded","content":{"video_url":"https://evil.example/x.mp4"}}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var wrongToken = await host.Http.PostAsync(new Uri($"/hooks/video/{jobId}/not-the-token", UriKind.Relative), new StringContent("{}"), TestContext.Current.CancellationToken);
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered);

        Assert.Equal(HttpStatusCode.Accepted, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongToken.StatusCode);
        var done = (await host.JobAsync(jobId))!;
        Assert.DoesNotContain("evil", done.VideoUrl!.AbsoluteUri, StringComparison.Ordinal);
        var sent = Assert.Single(bot.Ark!.Tasks);
        Assert.Equal($"{url}/hooks/video/{jobId}/{job.WebhookToken}", sent.CallbackUrl);
        // The fake records a callback once the bot has answered it, which may be after the bot's own poll delivered.
        await FakeModelArk.WaitUntilAsync(() => bot.Ark.CallbackAttempts.Any(c => c.Status == "succeeded" && c.Acknowledged));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
