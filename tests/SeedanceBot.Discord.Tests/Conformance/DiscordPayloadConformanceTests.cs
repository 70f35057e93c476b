using SeedanceBot.Core.Quotas;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Delivery;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;
using SeedanceBot.Discord.Adapter;
using SeedanceBot.Discord.Contracts;
using SeedanceBot.Discord.Gateway;
using SeedanceBot.Discord.Interactions;
using SeedanceBot.Discord.Rest;
using SeedanceBot.Testing.Conformance;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Http;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Discord.Tests.Conformance;

/// <summary>
/// Drives the bot through every kind of body it sends Discord (command registration, each callback type it uses, over
/// REST and as HTTP responses, follow-ups and edits, uploads, channel messages and their edits, DMs, Gateway payloads)
/// and checks that each kind was seen and that none broke Discord's rules (<see cref="DiscordConformance"/>; the fake
/// refuses a broken body with 400/50035 and records it).
/// </summary>
public sealed class DiscordPayloadConformanceTests
{
    private const string Channel = "1200000000000000222";
    private const string Alice = "1100000000000000111";
    private const string Bob = "1100000000000000222";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);
    private static readonly byte[] Video = [.. Enumerable.Range(0, 4096).Select(i => (byte)i)];

    [Fact]
    public async Task Interactions_OverTheGateway_EveryCallbackAndFollowUpKind_FollowsDiscordsRules()
    {
        await using var harness = await DiscordHarness.StartAsync();
        var discord = harness.Discord;
        await harness.Get<IEnumerable<IHostedService>>().OfType<CommandRegistrar>().Single().StartAsync(CancellationToken.None);
        var gateway = harness.Get<DiscordGateway>();
        gateway.Jitter = () => 0.5;
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => gateway.RunAsync(stop.Token), TestContext.Current.CancellationToken);
        var session = await discord.NextGatewaySessionAsync();
        await FakeDiscord.WaitUntilAsync(() => gateway.Status == GatewayStatus.Ready);
        await harness.Time.DriveAsync(FakeDiscord.WaitUntilAsync(() => session.Sent.Any(p => (int?)p["op"] == 1)), TimeSpan.FromSeconds(1));

        async Task<JsonObject> AnswerAsync(JsonObject interaction)
        {
            var id = (string)interaction["id"]!;
            await discord.DispatchInteractionAsync(interaction);
            await harness.Time.DriveAsync(FakeDiscord.WaitUntilAsync(() => discord.Callbacks.ContainsKey(id)), Step);
            return discord.Callbacks[id];
        }

        await AnswerAsync(discord.NewInteraction(2, Command("help")));
        await AnswerAsync(discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox in the snow"), Option("style", 3, "anime"))));
        await AnswerAsync(discord.NewInteraction(4, Command("video", Option("prompt", 3, "x"), Option("style", 3, "ani", focused: true))));
        await AnswerAsync(discord.NewInteraction(4, Command("status", Option("job", 3, string.Empty, focused: true))));
        var modal = await AnswerAsync(discord.NewInteraction(2, Command("storyboard", Option("aspect_ratio", 3, "1:1"))));
        await AnswerAsync(discord.NewInteraction(5, new JsonObject
        {
            ["custom_id"] = (string)modal["data"]!["custom_id"]!,
            ["components"] = new JsonArray(Submitted("shot1", "Wide shot of a harbour at dawn [4s]"), Submitted("shot2", "Close-up of a gull taking off [3s]")),
        }));
        await AnswerAsync(discord.NewInteraction(2, Command("quota", new JsonObject { ["name"] = "set", ["type"] = 1, ["options"] = new JsonArray(Option("user", 6, Bob), Option("videos", 4, 3)) }), permissions: "2048"));
        var job = harness.Store.All.First(j => j.Request.Prompt == "a fox in the snow");
        await AnswerAsync(discord.NewInteraction(3, new JsonObject { ["custom_id"] = "sb:reroll:" + job.Id, ["component_type"] = 2 }, userId: Bob));
        var posted = await harness.Get<IDiscordRest>().CreateMessageAsync(Channel, new MessagePayload { Content = "result" }, null, CancellationToken.None);
        await AnswerAsync(discord.NewInteraction(3, new JsonObject { ["custom_id"] = "sb:delete:" + job.Id, ["component_type"] = 2 }, userId: Alice,
            message: new JsonObject { ["id"] = posted.Id, ["channel_id"] = Channel }));
        await AnswerAsync(discord.NewInteraction(3, new JsonObject { ["custom_id"] = "sb:unknown", ["component_type"] = 2 }));

        // The requester deletes the delivered result: the click is acknowledged as an update of that message.
        await harness.RunJobsAsync();
        harness.Time.Advance(harness.Provider.GenerationTime + TimeSpan.FromMinutes(1));
        await harness.RunJobsAsync();
        var delivered = harness.Store.All.First(j => j.Id == job.Id);
        var resultMessage = delivered.ResultHandle!.Split(':')[^1];
        await AnswerAsync(discord.NewInteraction(3, new JsonObject { ["custom_id"] = "sb:delete:" + job.Id, ["component_type"] = 2 }, userId: Alice,
            message: new JsonObject { ["id"] = resultMessage, ["channel_id"] = Channel }));

        // Late answers, once the disk is slow: a private defer edited with the answer, a refusal included (a slow command
        // is always deferred privately, so a refusal can never show publicly).
        await harness.RunJobsAsync();
        harness.Store.Stall = ct => Task.Delay(TimeSpan.FromSeconds(10), harness.Time, ct);
        var balance = discord.NewInteraction(2, Command("balance"));
        await AnswerAsync(balance);
        await harness.Time.DriveAsync(FakeDiscord.WaitUntilAsync(() => discord.Requests.Any(r => r.Method == "PATCH" && r.Path.Contains((string)balance["token"]!, StringComparison.Ordinal))), Step);
        await harness.Store.SetUserAsync(new WorkspaceKey("discord", "1200000000000000000"), "1100000000000000111", new QuotaOverride(DailyVideos: 0), CancellationToken.None);
        var refused = discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox")));
        await AnswerAsync(refused);
        await harness.Time.DriveAsync(FakeDiscord.WaitUntilAsync(() => discord.Requests.Any(r => r.Method == "PATCH" && r.Path.Contains((string)refused["token"]!, StringComparison.Ordinal))), Step);

        await stop.CancelAsync();
        await harness.Time.DriveAsync(running.WaitAsync(TimeSpan.FromSeconds(20)).ContinueWith(_ => { }, TaskScheduler.Default), Step);
        AssertConforms(discord, harness.Answers,
            "PUT commands", "callback 4", "callback 5", "callback 6", "callback 8", "callback 9", "edit original json", "gateway op 1", "gateway op 2");
        Assert.Contains(discord.Callbacks.Values, c => (int?)c["type"] == 5 && (int?)c["data"]?["flags"] == 64);
    }

    [Fact]
    public async Task Deliveries_EveryMessageAndUploadKind_FollowsDiscordsRules()
    {
        await using var harness = await DiscordHarness.StartAsync();
        await using var media = await StubHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = "video/mp4";
            context.Response.ContentLength = Video.Length;
            await context.Response.Body.WriteAsync(Video);
        });
        var platform = harness.Get<IEnumerable<IChatPlatform>>().Single(p => p.Name == "discord");

        // Inside the token window: the status edits the original response, the result is a follow-up with the MP4.
        var job = await ShowStatusAsync(harness, platform, NewJob(harness, media, "k7m2qx9p", "@everyone look <@&1200000000000000444> *bold*"));
        await platform.DeliverAsync(job, JobMessages.Delivery(job, harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None);

        // After it: channel messages with the bot token (a reply with a nonce), edited, then the result uploaded.
        var late = NewJob(harness, media, "p4q8rs2t", "a cat") with { State = JobState.Running };
        harness.Time.Advance(TimeSpan.FromMinutes(16));
        var status = await platform.ShowStatusAsync(late, JobMessages.Status(late, harness.Time.GetUtcNow()), CancellationToken.None);
        late = late with { StatusMessageId = status };
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await platform.ShowStatusAsync(late, JobMessages.Status(late, harness.Time.GetUtcNow()), CancellationToken.None);
        await platform.DeliverAsync(late with { State = JobState.Succeeded }, JobMessages.Delivery(late with { State = JobState.Succeeded }, harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None);

        // The biggest result card: ten 2,000-character shots and every option (eleven fields).
        var biggest = NewJob(harness, media, "b1g2c3d4", "unused") with { Request = new VideoRequest
        {
            Scenes = [.. Enumerable.Range(1, 10).Select(i => new VideoScene($"Shot {i}: " + new string('w', 1990), 3))],
            Style = "a-style-with-a-long-name",
            Seed = 4294967295,
            Camera = new CameraMotion(ZoomDirection.In, PanDirection.Left, TiltDirection.Up),
            Motion = MotionLevel.High,
        }, Seconds = 30, UserName = new string('n', 80) };
        await platform.DeliverAsync(biggest, JobMessages.Delivery(biggest, harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None);

        // A channel the bot may not post in: a DM.
        var direct = NewJob(harness, media, "z9y8xw7v", "a dog");
        harness.Time.Advance(TimeSpan.FromMinutes(16));
        harness.Discord.ChannelsWithoutAccess.Add(Channel);
        await platform.DeliverAsync(direct, JobMessages.Delivery(direct, harness.Time.GetUtcNow()), isRetry: false, CancellationToken.None);

        AssertConforms(harness.Discord, harness.Answers,
            "edit original json", "follow-up upload", "channel message json", "channel message upload", "channel edit json", "dm channel");
    }

    [Fact]
    public async Task Interactions_OverHttp_EveryResponseBody_FollowsDiscordsRules()
    {
        using var signer = new SignedInteractions();
        await using var harness = await DiscordHarness.StartAsync(signer.HttpModeSettings, web: true);
        var discord = harness.Discord;

        await signer.PostAsync(harness.Http, harness.Time, new JsonObject { ["id"] = "1", ["application_id"] = FakeDiscord.ApplicationId, ["type"] = 1, ["token"] = "t", ["version"] = 1 });
        await signer.PostAsync(harness.Http, harness.Time, discord.NewInteraction(2, Command("help")));
        await signer.PostAsync(harness.Http, harness.Time, discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox"))));
        await signer.PostAsync(harness.Http, harness.Time, discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox"), Option("duration", 4, 99))));
        await signer.PostAsync(harness.Http, harness.Time, discord.NewInteraction(2, Command("storyboard")));
        await signer.PostAsync(harness.Http, harness.Time, discord.NewInteraction(4, Command("video", Option("style", 3, string.Empty, focused: true))));
        await signer.PostAsync(harness.Http, harness.Time, discord.NewInteraction(3, new JsonObject { ["custom_id"] = "sb:fresh_link:nope", ["component_type"] = 2 }));

        Assert.Equal(7, harness.Answers.Checked);
        AssertConforms(discord, harness.Answers);
    }

    [Fact]
    public async Task Styles_ManyLongStyles_FitDiscordsEmbedLimits()
    {
        using var signer = new SignedInteractions();
        await using var harness = await DiscordHarness.StartAsync(signer.HttpModeSettings, web: true);
        harness.Provider.Styles = [.. Enumerable.Range(1, 40).Select(i => new VideoStyle($"style-{i:00}", $"Style {i}", new string('d', 400)))];
        await harness.RefreshStylesAsync();

        await signer.PostAsync(harness.Http, harness.Time, harness.Discord.NewInteraction(2, Command("styles")));
        await FakeDiscord.WaitUntilAsync(() => harness.Discord.Requests.Any(r => r.Method == "POST" && r.Path.StartsWith("/webhooks/", StringComparison.Ordinal)));

        // The catalogue goes on in follow-ups, each within the limits.
        AssertConforms(harness.Discord, harness.Answers, "follow-up json");
    }

    /// <summary>Every body the fake and the bot's HTTP answers saw conforms, and each of <paramref name="kinds"/> was among them.</summary>
    private static void AssertConforms(FakeDiscord discord, AnswerConformance answers, params string[] kinds)
    {
        var seen = discord.Requests.Select(KindOf)
            .Concat(discord.GatewaySessions.SelectMany(s => s.Sent).Select(p => "gateway op " + (int?)p["op"]))
            .Where(k => k.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Empty(discord.Violations);
        Assert.Empty(answers.Violations);
        Assert.All(kinds, kind => Assert.True(seen.Contains(kind), $"no '{kind}' was sent; seen: {string.Join(", ", seen.Order(StringComparer.Ordinal))}"));
    }

    private static string KindOf(FakeDiscordRequest request)
    {
        var body = request.ContentType?.StartsWith("multipart/form-data", StringComparison.Ordinal) == true ? "upload" : "json";
        var segments = request.Path.Trim('/').Split('/');
        return (request.Method, segments) switch
        {
            ("PUT", ["applications", _, "commands"] or ["applications", _, "guilds", _, "commands"]) => "PUT commands",
            ("POST", ["interactions", _, _, "callback"]) => "callback " + (int?)JsonNode.Parse(request.Body)?["type"],
            ("POST", ["webhooks", _, _]) => "follow-up " + body,
            ("PATCH", ["webhooks", _, _, "messages", "@original"]) => "edit original " + body,
            ("PATCH", ["webhooks", _, _, "messages", _]) => "edit follow-up " + body,
            ("POST", ["channels", _, "messages"]) => "channel message " + body,
            ("PATCH", ["channels", _, "messages", _]) => "channel edit " + body,
            ("POST", ["users", "@me", "channels"]) => "dm channel",
            _ => string.Empty,
        };
    }

    private static BotJob NewJob(DiscordHarness harness, StubHttpServer media, string id, string prompt)
    {
        var interaction = harness.Discord.NewInteraction(2, new JsonObject { ["name"] = "video" });
        var now = harness.Time.GetUtcNow();
        return new BotJob
        {
            Id = id,
            Origin = new ChatOrigin("discord", "1200000000000000000", Channel),
            UserId = Alice,
            Request = new VideoRequest { Prompt = prompt, DurationSeconds = 5, Seed = 42 },
            Seconds = 5,
            CreatedAt = now,
            State = JobState.Succeeded,
            FinishedAt = now,
            VideoUrl = new Uri(media.BaseAddress, "video.mp4"),
            ReplyContext = new DiscordReplyContext((string)interaction["id"]!, FakeDiscord.ApplicationId, (string)interaction["token"]!, now, null).Serialize(),
        };
    }

    private static async Task<BotJob> ShowStatusAsync(DiscordHarness harness, IChatPlatform platform, BotJob job)
    {
        var id = await platform.ShowStatusAsync(job, JobMessages.Status(job with { State = JobState.Running }, harness.Time.GetUtcNow()), CancellationToken.None);
        return job with { StatusMessageId = id };
    }

    private static JsonObject Command(string name, params JsonObject[] options) =>
        new() { ["name"] = name, ["type"] = 1, ["options"] = new JsonArray([.. options]) };

    private static JsonObject Option(string name, int type, JsonNode value, bool focused = false)
    {
        var option = new JsonObject { ["name"] = name, ["type"] = type, ["value"] = value };
        if (focused)
        {
            option["focused"] = true;
        }

        return option;
    }

    private static JsonObject Submitted(string id, string value) => new()
    {
        ["type"] = 1,
        ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = id, ["value"] = value }),
    };
}
