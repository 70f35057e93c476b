using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NSec.Cryptography;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Tests;

/// <summary>
/// The whole bot with Discord configured, against the fake Discord and the simulator on one fake clock: /video from
/// the Gateway (and from the signed HTTP endpoint) through Core and the simulator to an MP4 attachment on the fake REST API.
/// </summary>
public sealed class DiscordEndToEndTests
{
    private const string Channel = "1200000000000000222";
    private const string Alice = "1100000000000000111";

    private static Dictionary<string, string> Settings(FakeDiscord discord) => new()
    {
        ["Discord:Token"] = FakeDiscord.BotToken,
        ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
        ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
    };

    private static JsonObject Video(string prompt) => new()
    {
        ["name"] = "video",
        ["type"] = 1,
        ["options"] = new JsonArray(
            new JsonObject { ["name"] = "prompt", ["type"] = 3, ["value"] = prompt },
            new JsonObject { ["name"] = "duration", ["type"] = 4, ["value"] = 4 }),
    };

    /// <summary>The bot on the Gateway of a fake Discord with its commands registered, on <c>provider</c>'s fake, all on one fake clock.</summary>
    private sealed class GatewayBot : IAsyncDisposable
    {
        private GatewayBot(FakeDiscord discord, SeedanceBot.Testing.ModelArk.FakeModelArk? ark, BotHost host) => (Discord, Ark, Host) = (discord, ark, host);

        public FakeDiscord Discord { get; }

        public SeedanceBot.Testing.ModelArk.FakeModelArk? Ark { get; }

        public BotHost Host { get; }

        public static async Task<GatewayBot> StartAsync(string provider, bool attachments = false)
        {
            var time = FakeClock.Create();
            var discord = await FakeDiscord.StartAsync(time);
            var settings = Settings(discord);
            if (attachments)
            {
                settings["Discord:ExtraAttachmentHosts:0"] = discord.CdnHost;
            }

            var ark = await ProviderEndToEndTests.UseProviderAsync(provider, time, settings);
            var host = await BotHost.StartAsync(settings: settings, clock: time);
            var session = await discord.NextGatewaySessionAsync();
            await session.NextAsync(2);
            await FakeDiscord.WaitUntilAsync(() => discord.CommandPuts == 1);
            return new GatewayBot(discord, ark, host);
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            if (Ark is not null)
            {
                await Ark.DisposeAsync();
            }

            await Discord.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(ProviderEndToEndTests.Providers), MemberType = typeof(ProviderEndToEndTests))]
    public async Task Video_FromTheGateway_EndsAsAnMp4AttachmentInTheChannel_PingingOnlyTheRequester(string provider)
    {
        await using var bot = await GatewayBot.StartAsync(provider);
        var (discord, ark, host) = (bot.Discord, bot.Ark, bot.Host);

        var interaction = discord.NewInteraction(2, Video("@everyone a fox walking through a snowy forest"));
        await discord.DispatchInteractionAsync(interaction);

        // The clock stands still until the bot has answered (Core answers at once), so a busy machine cannot push the
        // answer past the budget on the fake clock and turn it into a deferral.
        await FakeDiscord.WaitUntilAsync(() => discord.Callbacks.ContainsKey((string)interaction["id"]!));
        await host.RunUntilAsync(() => Task.FromResult(discord.MessagesIn(Channel).Any(m => m.File is not null)));

        Assert.Equal(5, (int?)discord.Callbacks[(string)interaction["id"]!]["type"]);
        var messages = discord.MessagesIn(Channel);
        var status = messages.Single(m => m.Via == "original");
        Assert.StartsWith("Done in", status.Content, StringComparison.Ordinal);
        var result = Assert.Single(messages, m => m.File is not null);
        Assert.Equal("followup", result.Via);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(result.File!.Content, 4, 4));
        Assert.Equal("video/mp4", result.File.ContentType);
        Assert.StartsWith($"<@{Alice}>", result.Content, StringComparison.Ordinal);
        Assert.All(messages, m => Assert.Equal("[]", m.Payload["allowed_mentions"]!["parse"]!.ToJsonString()));
        if (ark is null)
        {
            var job = Assert.Single(host.Simulator.Jobs);
            Assert.Equal(4, job.TotalSeconds);
            Assert.Contains("\"seed\"", job.RequestJson, StringComparison.Ordinal);
        }
        else
        {
            var task = Assert.Single(ark.Tasks);
            Assert.Equal(4, (int?)task.Request["duration"]);
            Assert.NotNull(task.Request["seed"]);
            Assert.Empty(host.Simulator.Jobs);
        }
    }

    [Theory]
    [MemberData(nameof(ProviderEndToEndTests.Providers), MemberType = typeof(ProviderEndToEndTests))]
    public async Task Video_WithAnAttachedPng_SendsItToTheApiAsTheFirstFrame_AndIsDelivered(string provider)
    {
        await using var bot = await GatewayBot.StartAsync(provider, attachments: true);
        var (discord, ark, host) = (bot.Discord, bot.Ark, bot.Host);
        var png = SeedanceBot.Testing.Images.TestImages.Png(640, 360);
        var file = discord.Attachment("fox.png", "image/png", png);
        var data = Video("the fox turns its head");
        data["options"]!.AsArray().Add(new JsonObject { ["name"] = "image", ["type"] = 11, ["value"] = (string)file["id"]! });

        var interaction = discord.NewInteraction(2, FakeDiscord.WithAttachments(data, file));
        await discord.DispatchInteractionAsync(interaction);
        await FakeDiscord.WaitUntilAsync(() => discord.Callbacks.ContainsKey((string)interaction["id"]!));
        await host.RunUntilAsync(() => Task.FromResult(discord.MessagesIn(Channel).Any(m => m.File is not null)));

        Assert.Equal(5, (int?)discord.Callbacks[(string)interaction["id"]!]["type"]);
        var dataUrl = "data:image/png;base64," + Convert.ToBase64String(png);
        if (ark is null)
        {
            var image = Assert.Single(JsonNode.Parse(Assert.Single(host.Simulator.Jobs).RequestJson)!["images"]!.AsArray());
            // The simulator records what it was given: role, type, size and hash, not the base64.
            Assert.Equal("first_frame", (string?)image!["role"]);
            Assert.Equal("image/png", (string?)image["content_type"]);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), (string?)image["sha256"]);
        }
        else
        {
            var image = Assert.Single(Assert.Single(ark.Tasks).Request["content"]!.AsArray(), c => (string?)c!["type"] == "image_url");
            Assert.Equal("first_frame", (string?)image!["role"]);
            Assert.Equal(dataUrl, (string?)image["image_url"]!["url"]);
        }
    }

    [Theory]
    [MemberData(nameof(ProviderEndToEndTests.Providers), MemberType = typeof(ProviderEndToEndTests))]
    public async Task Continue_OnAResult_OpensItsForm_AndTheNextTaskStartsOnTheFirstTasksLastFrame(string provider)
    {
        await using var bot = await GatewayBot.StartAsync(provider);
        var (discord, ark, host) = (bot.Discord, bot.Ark, bot.Host);
        var video = discord.NewInteraction(2, Video("a fox walking through a snowy forest"));
        await discord.DispatchInteractionAsync(video);
        await FakeDiscord.WaitUntilAsync(() => discord.Callbacks.ContainsKey((string)video["id"]!));
        await host.RunUntilAsync(() => Task.FromResult(discord.MessagesIn(Channel).Any(m => m.File is not null)));
        var result = Assert.Single(discord.MessagesIn(Channel), m => m.File is not null);
        var continueId = result.Payload["components"]!.AsArray().SelectMany(row => row!["components"]!.AsArray())
            .Select(b => (string)b!["custom_id"]!).Single(id => id.StartsWith("sb:continue:", StringComparison.Ordinal));

        var click = discord.NewInteraction(3, new JsonObject { ["custom_id"] = continueId, ["component_type"] = 2 }, message: new JsonObject { ["id"] = result.Id });
        await discord.DispatchInteractionAsync(click);
        await FakeDiscord.WaitUntilAsync(() => discord.Callbacks.ContainsKey((string)click["id"]!));
        var modal = discord.Callbacks[(string)click["id"]!];
        var formId = (string)modal["data"]!["custom_id"]!;
        var submit = discord.NewInteraction(5, new JsonObject
        {
            ["custom_id"] = formId,
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = 18,
                ["id"] = 1,
                ["component"] = new JsonObject { ["type"] = 4, ["id"] = 2, ["custom_id"] = "prompt", ["value"] = "the fox leaps over a frozen stream" },
            }),
        });
        await discord.DispatchInteractionAsync(submit);
        await FakeDiscord.WaitUntilAsync(() => discord.Callbacks.ContainsKey((string)submit["id"]!));
        await host.RunUntilAsync(() => Task.FromResult(discord.MessagesIn(Channel).Count(m => m.File is not null) == 2));

        Assert.Equal(9, (int?)modal["type"]);
        Assert.Equal("continue:" + continueId["sb:continue:".Length..], formId);
        var second = discord.MessagesIn(Channel).Last(m => m.File is not null);
        Assert.Contains("job " + continueId["sb:continue:".Length..], second.Payload.ToJsonString(), StringComparison.Ordinal);
        if (ark is null)
        {
            var jobs = host.Simulator.Jobs;
            Assert.Equal(2, jobs.Count);
            Assert.Contains("\"return_last_frame\":true", jobs[0].RequestJson, StringComparison.Ordinal);
            var image = Assert.Single(JsonNode.Parse(jobs[1].RequestJson)!["images"]!.AsArray());
            Assert.Equal("first_frame", (string?)image!["role"]);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(SeedanceBot.Simulator.SeedanceSimulator.LastFramePng.Span)), (string?)image["sha256"]);
            Assert.Contains("the fox leaps over a frozen stream", jobs[1].RequestJson, StringComparison.Ordinal);
        }
        else
        {
            var tasks = ark.Tasks.OrderBy(t => t.CreatedAt).ToList();
            Assert.Equal(2, tasks.Count);
            Assert.Equal(true, (bool?)tasks[0].Request["return_last_frame"]);
            var image = Assert.Single(tasks[1].Request["content"]!.AsArray(), c => (string?)c!["type"] == "image_url");
            Assert.Equal("first_frame", (string?)image!["role"]);
            Assert.Equal("data:image/png;base64," + Convert.ToBase64String(SeedanceBot.Testing.ModelArk.FakeModelArk.LastFramePng), (string?)image["image_url"]!["url"]);
            Assert.Equal("adaptive", (string?)tasks[1].Request["ratio"]);
        }
    }

    [Fact]
    public async Task Video_FromTheSignedHttpEndpoint_IsDeferred_ThenDelivered()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var time = FakeClock.Create();
        await using var discord = await FakeDiscord.StartAsync(time);
        var settings = Settings(discord);
        settings["Discord:Mode"] = "Http";
        settings["Discord:PublicKey"] = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        await using var host = await BotHost.StartAsync(settings: settings, clock: time);

        var body = discord.NewInteraction(2, Video("a gull over the harbour")).ToJsonString();
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(timestamp + body))));
        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("""{"type":5}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await host.RunUntilAsync(() => Task.FromResult(discord.MessagesIn(Channel).Any(m => m.File is not null)));
        Assert.Empty(discord.GatewaySessions);
        Assert.Single(discord.MessagesIn(Channel), m => m.File is not null);
    }

    [Fact]
    public async Task Start_WithATokenButNoApplicationId_FailsNamingTheKey_WithoutTheToken()
    {
        var app = await BotApplication.BuildAsync(["--urls=http://127.0.0.1:0", "--Discord:Token=very-secret-token", "--Storage:Path=" + Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "bot.db")]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Discord:ApplicationId", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-token", error.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }
}
