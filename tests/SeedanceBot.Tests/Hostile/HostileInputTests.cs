using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Hosting;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Tests.Hostile;

/// <summary>
/// The hostile-input corpus: hundreds of inputs a person or a forged request may send, through every HTTP door of one
/// bot (Slack's and Discord's signed endpoints, the playground API, the webhook route), each checked by one rule:
/// a clear refusal or a 4xx, never a 5xx or a hang; then, with every job run to its end, never a mass ping in anything
/// the bot sent, never a charge without a delivered video, never a job for a request without a proper workspace, user
/// and channel, never an action on another user's job, never a playground message posing as the bot.
/// </summary>
public sealed class HostileInputTests
{
    private const string SlackSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string SlackChannel = "C0CHAN";
    private const string SlackVictim = "U0VICTIM";
    private const string SlackMallory = "U0MALLORY";
    private const string DiscordChannel = "1200000000000000222";
    private const string DiscordVictim = "1100000000000000999";
    private const string DiscordMallory = "1100000000000000666";
    private const int DailyVideos = 3;

    private static readonly string[] BotNames = ["SeedanceBot", " SeedanceBot ", "seedancebot", "SEEDANCEBOT", "Seedance\u200BBot", "Seedance Bot", "SeedanceBot\u0000"];

    [Fact]
    public async Task HttpDoors_HostileCorpus_NoFaultNoMassPingNoWrongChargeNoForeignActionNoSpoof()
    {
        var time = FakeClock.Create();
        await using var slack = await FakeSlack.StartAsync(time);
        await using var discord = await FakeDiscord.StartAsync(time);
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var settings = new Dictionary<string, string>(HttpDoors.HttpModeSettings(slack, discord, SlackSecret, key))
        {
            ["Playground:Enabled"] = "true",
            ["Playground:EveryoneIsAdmin"] = "false",
            ["Quotas:DailyVideos"] = DailyVideos.ToString(CultureInfo.InvariantCulture),
            ["Quotas:DailySeconds"] = "600",
            ["Quotas:MaxConcurrentJobs"] = "3",
            ["Seedance:WebhookBaseUrl"] = "https://bot.example.test/",
        };
        await using var host = await BotHost.StartAsync(settings: settings, clock: time);
        using var doors = new HttpDoors(new HttpClient { BaseAddress = host.Http.BaseAddress }, time, SlackSecret, key);
        var faults = new ConcurrentQueue<string>();
        var answers = new ConcurrentQueue<(string Where, string Body)>();
        var cases = 0;

        async Task Expect(string name, Task<Answer> send, int? status = null)
        {
            cases++;
            var answer = await send;
            answers.Enqueue((name, answer.Body));
            if (answer.IsServerFault)
            {
                var what = answer.Status == Answer.Hang ? "no answer within " + HttpDoors.HangBound : answer.Status == Answer.Dropped ? "connection dropped" : "HTTP " + answer.Status;
                faults.Enqueue($"{name}: {what} {answer.Body[..Math.Min(answer.Body.Length, 300)]}");
            }
            else if (status is { } expected && answer.Status != expected)
            {
                faults.Enqueue($"{name}: HTTP {answer.Status}, expected {expected}");
            }
        }

        // 1. Two victims and an attacker each get a finished video, on Slack and on Discord.
        await Expect("setup slack victim", doors.SlackCommandAsync(SlackCommand(slack, "/video", "the victim fox --duration 3", SlackVictim)), 200);
        await Expect("setup slack mallory", doors.SlackCommandAsync(SlackCommand(slack, "/video", "mallory fox --duration 3", SlackMallory)), 200);
        await Expect("setup discord victim", doors.DiscordAsync(discord.NewInteraction(2, Video("the victim fox"), DiscordChannel, DiscordVictim)), 200);
        await Expect("setup discord mallory", doors.DiscordAsync(discord.NewInteraction(2, Video("mallory fox"), DiscordChannel, DiscordMallory)), 200);
        await host.RunUntilAsync(() => Task.FromResult(
            slack.Files.Values.Count(f => f.Completed) == 2
            && slack.Messages.Values.Count(m => m.ThreadTs is null && m.ActionIds.Count > 0) == 2
            && discord.Messages.Values.Count(m => m.File is not null) == 2), stepSeconds: 5, maxSteps: 400);
        var victimCard = slack.MessagesIn(SlackChannel).Single(m => m.ThreadTs is null && m.Payload.ToJsonString().Contains("the victim fox", StringComparison.Ordinal) && m.ActionIds.Count > 0);
        var victimFile = slack.Files.Values.Single(f => f.ThreadTs == victimCard.Ts);
        var malloryJobs = await JobsOfAsync(host, "slack", FakeSlack.TeamId, SlackMallory);
        var discordMalloryJob = (await JobsOfAsync(host, "discord", "1200000000000000000", DiscordMallory)).Single();
        var victimResult = discord.MessagesIn(DiscordChannel).Single(m => m.File is not null && m.Content.Contains(DiscordVictim, StringComparison.Ordinal));
        var victimMessages = discord.MessagesIn(DiscordChannel).Where(m => m.Payload.ToJsonString().Contains("the victim fox", StringComparison.Ordinal)).Select(m => m.Id).ToList();

        // 2. Text through every door, rotating over a few people per door so quotas are exercised but not exhausted.
        var index = 0;
        foreach (var (name, text) in HostileTexts.Video)
        {
            var slot = index++ % 5;
            await Expect($"slack /video {name}", doors.SlackCommandAsync(SlackCommand(slack, "/video", text, "U0TEXT" + (char)('A' + slot))));
            await Expect($"discord /video {name}", doors.DiscordAsync(discord.NewInteraction(2, Video(text), DiscordChannel, "11000000000000001" + slot.ToString("00", CultureInfo.InvariantCulture))));
            await Expect($"playground /video {name}", doors.PlaygroundAsync("/video " + text, "person-" + slot));
        }

        foreach (var (command, name, text) in HostileTexts.Other)
        {
            await Expect($"slack /{command} {name}", doors.SlackCommandAsync(SlackCommand(slack, "/" + command, text, "U0OTHER")));
            await Expect($"discord /{command} {name}", doors.DiscordAsync(discord.NewInteraction(2, Command(command, text), DiscordChannel, "1100000000000000777")));
            await Expect($"playground /{command} {name}", doors.PlaygroundAsync("/" + command + " " + text, "other-person"));
        }

        // 3. Requests without a proper workspace, user or channel, in bursts past the quota.
        for (var i = 0; i < DailyVideos + 1; i++)
        {
            await Expect($"slack no team_id #{i}", doors.SlackCommandAsync(Without(SlackCommand(slack, "/video", "a fox", "U0NOTEAM"), "team_id")));
            await Expect($"slack empty team_id #{i}", doors.SlackCommandAsync(With(SlackCommand(slack, "/video", "a fox", "U0EMPTYTEAM"), "team_id", string.Empty)));
            await Expect($"slack no user_id #{i}", doors.SlackCommandAsync(Without(SlackCommand(slack, "/video", "a fox", "U0NOUSER"), "user_id")));
            await Expect($"slack no channel_id #{i}", doors.SlackCommandAsync(Without(SlackCommand(slack, "/video", "a fox", "U0NOCHANNEL"), "channel_id")));
            var emptyGuild = discord.NewInteraction(2, Video("a fox"), DiscordChannel, "1100000000000000555");
            emptyGuild["guild_id"] = string.Empty;
            await Expect($"discord empty guild_id #{i}", doors.DiscordAsync(emptyGuild));
            await Expect($"discord empty user id #{i}", doors.DiscordAsync(discord.NewInteraction(2, Video("a fox"), DiscordChannel, string.Empty)));
            await Expect($"discord no channel #{i}", doors.DiscordAsync(WithoutChannel(discord.NewInteraction(2, Video("a fox"), DiscordChannel, "1100000000000000554"))));
            await Expect($"discord non-snowflake user #{i}", doors.DiscordAsync(discord.NewInteraction(2, Video("a fox"), DiscordChannel, "<@&1200000000000000444>")));
        }

        // 4. Mentions smuggled through ids.
        var duplicated = SlackCommand(slack, "/video", "a fox", "UH051").Append(new("user_id", "<!channel>"));
        await Expect("slack duplicated user_id", doors.SlackCommandAsync(duplicated));
        await Expect("slack user_id closing the mention", doors.SlackCommandAsync(SlackCommand(slack, "/video", "a fox", "UH055><!here")));
        await Expect("slack channel_id with markup", doors.SlackCommandAsync(With(SlackCommand(slack, "/video", "a fox", "U0CHANMARKUP"), "channel_id", "C0CHAN><!channel")));
        await Expect("slack user_name with markup", doors.SlackCommandAsync(With(SlackCommand(slack, "/video", "a fox", "U0NAME"), "user_name", "<!everyone>")));

        // 5. Replays: the same signed request twice makes one job.
        var replayed = Encoding.UTF8.GetBytes(HttpDoors.FormBody(SlackCommand(slack, "/video", "a replayed slack fox", "U0REPLAY")));
        var stamp = time.GetUtcNow().ToUnixTimeSeconds();
        await Expect("slack replay 1", doors.SlackAsync("/slack/commands", replayed, timestamp: stamp), 200);
        await Expect("slack replay 2", doors.SlackAsync("/slack/commands", replayed, timestamp: stamp));
        var discordReplay = Encoding.UTF8.GetBytes(discord.NewInteraction(2, Video("a replayed discord fox"), DiscordChannel, "1100000000000000444").ToJsonString());
        await Expect("discord replay 1", doors.DiscordAsync(discordReplay, timestamp: stamp), 200);
        await Expect("discord replay 2", doors.DiscordAsync(discordReplay, timestamp: stamp));

        // 6. Forged buttons aimed at the victims' messages and files.
        foreach (var mallory in malloryJobs)
        {
            await Expect("slack forged delete on the victim's card", doors.SlackInteractionAsync(slack.NewBlockActions("sb_delete", $"{mallory.Id}|{victimFile.Id}", SlackChannel, victimCard.Ts, SlackMallory)));
            await Expect("slack forged delete of the victim's file from mallory's card", doors.SlackInteractionAsync(slack.NewBlockActions("sb_delete", $"{mallory.Id}|{victimFile.Id}", SlackChannel, CardOf(slack, mallory.Id)?.Ts ?? victimCard.Ts, SlackMallory)));
        }

        var victimMessage = new JsonObject { ["id"] = victimResult.Id, ["channel_id"] = DiscordChannel, ["type"] = 0, ["content"] = victimResult.Content, ["author"] = new JsonObject { ["id"] = FakeDiscord.ApplicationId, ["username"] = "bot", ["bot"] = true } };
        await Expect("discord forged delete on the victim's message", doors.DiscordAsync(discord.NewInteraction(3, Button("sb:delete:" + discordMalloryJob.Id), DiscordChannel, DiscordMallory, message: (JsonObject)victimMessage.DeepClone())));
        await Expect("discord forged reroll of someone's job id", doors.DiscordAsync(discord.NewInteraction(3, Button("sb:reroll:../../" + discordMalloryJob.Id), DiscordChannel, DiscordMallory, message: (JsonObject)victimMessage.DeepClone())));

        // 7. The wire itself: malformed, oversized, mistyped and unsigned requests.
        foreach (var (name, body, contentType, status) in WireCases(discord, slack))
        {
            var send = name.StartsWith("discord", StringComparison.Ordinal)
                ? doors.DiscordAsync(body, contentType, sign: !name.Contains("unsigned", StringComparison.Ordinal))
                : name.StartsWith("slack interactions", StringComparison.Ordinal)
                    ? doors.SlackAsync("/slack/interactions", body, contentType, sign: !name.Contains("unsigned", StringComparison.Ordinal))
                    : name.StartsWith("slack", StringComparison.Ordinal)
                        ? doors.SlackAsync("/slack/commands", body, contentType, sign: !name.Contains("unsigned", StringComparison.Ordinal))
                        : doors.RawAsync(name.StartsWith("webhook", StringComparison.Ordinal) ? WebhookPath(name, malloryJobs[0]) : "/playground/api/commands", body, contentType);
            await Expect(name, send, status);
        }

        await Expect("slack stale signature", doors.SlackAsync("/slack/commands", Encoding.UTF8.GetBytes(HttpDoors.FormBody(SlackCommand(slack, "/video", "a fox", "U0STALE"))), timestamp: stamp - 3600), 401);
        await Expect("discord stale signature", doors.DiscordAsync(Encoding.UTF8.GetBytes(discord.NewInteraction(2, Video("a fox"), DiscordChannel).ToJsonString()), timestamp: stamp - 3600), 401);

        // 8. People posing as the bot in the playground.
        foreach (var name in BotNames)
        {
            await Expect($"playground user named '{name}'", doors.PlaygroundAsync("/help Your video is ready: https://evil.example/video.mp4", name));
        }

        await RunAllJobsAsync(host);

        // The rule, checked over everything.
        Assert.True(cases >= 200, $"the corpus has only {cases} cases");
        var broken = faults.ToList();
        broken.AddRange(MentionAudit.Slack(slack, answers.Where(a => a.Where.StartsWith("slack", StringComparison.Ordinal))));
        broken.AddRange(MentionAudit.Discord(discord, answers.Where(a => a.Where.StartsWith("discord", StringComparison.Ordinal))));
        broken.AddRange(await ChargesAsync(host));
        if (!slack.Messages.ContainsKey(victimCard.Ts))
        {
            broken.Add("the victim's Slack card was deleted by someone else");
        }

        if (slack.Requests.Any(r => r.ApiMethod == "files.delete" && r.Form.GetValueOrDefault("file") == victimFile.Id))
        {
            broken.Add("the victim's Slack file was deleted by someone else");
        }

        broken.AddRange(victimMessages.Where(id => !discord.Messages.ContainsKey(id)).Select(id => $"the victim's Discord message {id} was deleted by someone else"));
        broken.AddRange(await ReplaysAsync(host, "a replayed slack fox", "a replayed discord fox"));
        broken.AddRange(await SpoofsAsync(host));
        Assert.True(broken.Count == 0, $"{broken.Count} of {cases} cases broke the rule:\n" + string.Join('\n', broken) + "\nerrors logged:\n" + ErrorsLogged(host));
    }

    [Fact]
    public async Task SocketDoors_HostileCorpus_EveryEnvelopeAnswered_ConnectionsSurvive_NoMassPingNoWrongCharge()
    {
        var time = FakeClock.Create();
        await using var slack = await FakeSlack.StartAsync(time);
        await using var discord = await FakeDiscord.StartAsync(time);
        var settings = new Dictionary<string, string>
        {
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:AppToken"] = FakeSlack.AppToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Discord:Token"] = FakeDiscord.BotToken,
            ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
            ["Quotas:DailyVideos"] = DailyVideos.ToString(CultureInfo.InvariantCulture),
            ["Quotas:DailySeconds"] = "600",
            ["Quotas:MaxConcurrentJobs"] = "3",
        };
        await using var host = await BotHost.StartAsync(settings: settings, clock: time);
        var socket = await slack.NextSocketSessionAsync();
        var gateway = await discord.NextGatewaySessionAsync();
        await gateway.NextAsync(2);
        var faults = new List<string>();
        var cases = 0;

        async Task Envelope(string name, JsonObject payload)
        {
            cases++;
            var id = await socket.SendEnvelopeAsync("slash_commands", payload);
            try
            {
                await socket.NextAckAsync(id, HttpDoors.HangBound);
            }
            catch (TimeoutException)
            {
                faults.Add($"{name}: no ack within {HttpDoors.HangBound}");
            }
        }

        async Task Dispatch(string name, JsonObject interaction)
        {
            cases++;
            var id = (string)interaction["id"]!;
            await discord.DispatchInteractionAsync(interaction);
            try
            {
                await FakeDiscord.WaitUntilAsync(() => discord.Callbacks.ContainsKey(id), HttpDoors.HangBound);
            }
            catch (OperationCanceledException)
            {
                faults.Add($"{name}: no interaction response within {HttpDoors.HangBound}");
            }
        }

        var index = 0;
        foreach (var (name, text) in HostileTexts.Video)
        {
            var slot = index++ % 5;
            await Envelope($"socket mode /video {name}", slack.NewSlashCommand("/video", text, SlackChannel, "U0TEXT" + (char)('A' + slot)));
            await Dispatch($"gateway /video {name}", discord.NewInteraction(2, Video(text), DiscordChannel, "11000000000000001" + slot.ToString("00", CultureInfo.InvariantCulture)));
        }

        foreach (var (command, name, text) in HostileTexts.Other)
        {
            await Envelope($"socket mode /{command} {name}", slack.NewSlashCommand("/" + command, text, SlackChannel, "U0OTHER"));
            await Dispatch($"gateway /{command} {name}", discord.NewInteraction(2, Command(command, text), DiscordChannel, "1100000000000000777"));
        }

        // Frames that are not what the protocols promise: the connections must shrug them off.
        string[] slackFrames =
        [
            "{", "[]", "null", "\"text\"", new string('[', 50_000) + new string(']', 50_000),
            """{"type":"slash_commands"}""", """{"type":"slash_commands","envelope_id":"e1","payload":"not an object"}""",
            """{"type":"interactive","envelope_id":"e2","payload":{"type":"block_actions"}}""", """{"type":"interactive","envelope_id":"e3","payload":null}""",
            """{"type":"events_api","envelope_id":"e4","payload":{"event":{"type":"message","text":"<!channel>"}}}""", """{"type":"made_up","envelope_id":"e5"}""",
            """{"type":"slash_commands","envelope_id":7,"payload":{}}""",
        ];
        foreach (var frame in slackFrames)
        {
            cases++;
            await socket.SendRawAsync(frame);
        }

        string[] gatewayFrames =
        [
            "{", "[]", """{"op":0,"t":"INTERACTION_CREATE","s":900,"d":null}""", """{"op":0,"t":"INTERACTION_CREATE","s":901,"d":"text"}""",
            """{"op":0,"t":"INTERACTION_CREATE","s":902,"d":{"type":2}}""", """{"op":0,"t":"INTERACTION_CREATE","s":903,"d":{"id":null,"type":2,"token":"t"}}""",
            """{"op":0,"t":"INTERACTION_CREATE","s":904,"d":{"id":"1","type":"x"}}""", """{"op":0,"t":"MADE_UP","s":905,"d":{}}""", """{"op":"zero"}""",
            """{"op":0,"t":"INTERACTION_CREATE","s":906,"d":{"id":"1400000000000000001","type":2,"token":"t","data":{"name":"video","options":"x"}}}""",
        ];
        foreach (var frame in gatewayFrames)
        {
            cases++;
            await gateway.SendRawAsync(frame);
        }

        // Afterwards both connections still carry a normal /video to its end.
        await Envelope("socket mode after the corpus", slack.NewSlashCommand("/video", "a final fox --duration 3", SlackChannel, "U0FINAL"));
        await Dispatch("gateway after the corpus", discord.NewInteraction(2, Video("a final fox"), DiscordChannel, "1100000000000000888"));
        await RunAllJobsAsync(host);

        Assert.True(cases >= 150, $"the corpus has only {cases} cases");
        if (!slack.Files.Values.Any(f => f.Completed && f.InitialComment?.Contains("<@U0FINAL>", StringComparison.Ordinal) == true))
        {
            faults.Add("Socket Mode no longer delivers after the corpus");
        }

        if (!discord.Messages.Values.Any(m => m.File is not null && m.Content.Contains("1100000000000000888", StringComparison.Ordinal)))
        {
            faults.Add("the Gateway no longer delivers after the corpus");
        }

        faults.AddRange(MentionAudit.Slack(slack, socket.Sent.Select(f => ("socket ack", f.ToJsonString()))));
        faults.AddRange(MentionAudit.Discord(discord, []));
        Assert.True(faults.Count == 0, $"{faults.Count} of {cases} cases broke the rule:\n" + string.Join('\n', faults));
    }

    private static async Task RunAllJobsAsync(BotHost host)
    {
        var store = host.Services.GetRequiredService<IJobStore>();
        await host.RunUntilAsync(async () => (await store.ListActiveAsync(CancellationToken.None)).Count == 0 && (await store.ListUndeliveredAsync(CancellationToken.None)).Count == 0, stepSeconds: 5, maxSteps: 4000);
    }

    private static string ErrorsLogged(BotHost host) =>
        string.Join('\n', host.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(e => e.ToString()[..Math.Min(e.ToString().Length, 600)]));

    private static async Task<IReadOnlyList<BotJob>> JobsOfAsync(BotHost host, string platform, string workspace, string user) =>
        await host.Services.GetRequiredService<IJobStore>().ListRecentAsync(platform, workspace, user, DateTimeOffset.MinValue, 1000, CancellationToken.None);

    /// <summary>
    /// Every job the simulator saw belongs to a known person; for each person, the quota read back equals the videos
    /// delivered to them, and nobody is over the daily limit.
    /// </summary>
    private static async Task<IEnumerable<string>> ChargesAsync(BotHost host)
    {
        var store = host.Services.GetRequiredService<IJobStore>();
        var people = new List<(string Platform, string Workspace, string User)>
        {
            ("slack", FakeSlack.TeamId, SlackVictim), ("slack", FakeSlack.TeamId, SlackMallory), ("slack", FakeSlack.TeamId, "U0OTHER"), ("slack", FakeSlack.TeamId, "U0REPLAY"),
            ("discord", "1200000000000000000", DiscordVictim), ("discord", "1200000000000000000", DiscordMallory), ("discord", "1200000000000000000", "1100000000000000777"), ("discord", "1200000000000000000", "1100000000000000444"),
            ("slack", FakeSlack.TeamId, "U0WIRE"), ("slack", FakeSlack.TeamId, "U0NAME"),
            ("discord", "1200000000000000000", "1100000000000000333"),
            ("playground", "local", "other-person"),
        };
        for (var slot = 0; slot < 5; slot++)
        {
            people.Add(("slack", FakeSlack.TeamId, "U0TEXT" + (char)('A' + slot)));
            people.Add(("discord", "1200000000000000000", "11000000000000001" + slot.ToString("00", CultureInfo.InvariantCulture)));
            people.Add(("playground", "local", "person-" + slot));
        }

        var problems = new List<string>();
        var known = 0;
        foreach (var (platform, workspace, user) in people)
        {
            var jobs = await store.ListRecentAsync(platform, workspace, user, DateTimeOffset.MinValue, 1000, CancellationToken.None);
            known += jobs.Count(j => j.ProviderJobId is not null);
            var delivered = jobs.Count(j => j.State == JobState.Succeeded && j.Delivery == DeliveryState.Delivered);
            var usage = await store.GetUsageAsync(platform, workspace, user, host.Time.GetUtcNow().AddDays(-1), CancellationToken.None);
            if (usage.Videos != delivered)
            {
                problems.Add($"{platform}/{user}: charged {usage.Videos} videos, delivered {delivered}");
            }

            if (usage.Videos > DailyVideos)
            {
                problems.Add($"{platform}/{user}: {usage.Videos} videos charged, over the daily {DailyVideos}");
            }

            problems.AddRange(jobs.Where(j => j.Charge == ChargeState.Committed && j.Delivery != DeliveryState.Delivered).Select(j => $"{platform}/{user}: job {j.Id} charged but {j.Delivery}"));
        }

        if (host.Simulator.Jobs.Count != known)
        {
            problems.Add($"the video API made {host.Simulator.Jobs.Count} videos, but known people own {known}: a request without a proper workspace, user or channel made a job");
        }

        return problems;
    }

    private static async Task<IEnumerable<string>> ReplaysAsync(BotHost host, params string[] prompts)
    {
        var problems = new List<string>();
        var all = new List<BotJob>();
        all.AddRange(await JobsOfAsync(host, "slack", FakeSlack.TeamId, "U0REPLAY"));
        all.AddRange(await JobsOfAsync(host, "discord", "1200000000000000000", "1100000000000000444"));
        foreach (var prompt in prompts)
        {
            var count = all.Count(j => j.Request.Prompt == prompt);
            if (count != 1)
            {
                problems.Add($"the replayed request '{prompt}' made {count} jobs");
            }
        }

        return problems;
    }

    /// <summary>A message people typed whose author reads as the bot's name (whatever the case, spaces or invisible characters).</summary>
    private static async Task<IEnumerable<string>> SpoofsAsync(BotHost host)
    {
        static string Looks(string name) => new([.. name.Where(c => char.IsLetterOrDigit(c)).Select(char.ToLowerInvariant)]);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in await host.MessagesAsync("nobody-in-particular"))
        {
            var text = message.GetProperty("text").GetString() ?? string.Empty;
            var author = message.GetProperty("author").GetString() ?? string.Empty;
            if (text.Contains("evil.example", StringComparison.Ordinal) && Looks(author) == "seedancebot")
            {
                seen[message.GetProperty("id").GetString() ?? text] = author;
            }
        }

        return seen.Values.Select(author => $"a person's message shows '{author}' as its author, which reads as the bot");
    }

    /// <summary>
    /// Bodies that are wrong as bytes, JSON or shape. The name's first word picks the door ("discord", "slack
    /// interactions", "slack" commands, "webhook", else the playground); "unsigned" sends no signature.
    /// </summary>
    private static IEnumerable<(string Name, byte[] Body, string ContentType, int? Status)> WireCases(FakeDiscord discord, FakeSlack slack)
    {
        const string Json = "application/json";
        const string Form = "application/x-www-form-urlencoded";
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        var huge = new byte[10 * 1024 * 1024];
        Array.Fill(huge, (byte)'a');
        var nested = Utf8(new string('[', 100_000) + new string(']', 100_000));
        var invalidUtf8 = new byte[] { 0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x7D };
        JsonObject Interaction(Action<JsonObject> change)
        {
            var interaction = discord.NewInteraction(2, Video("a fox"), DiscordChannel, "1100000000000000333");
            change(interaction);
            return interaction;
        }

        yield return ("discord not json", Utf8("{"), Json, 400);
        yield return ("discord empty body", [], Json, 400);
        yield return ("discord json array", Utf8("[1,2,3]"), Json, 400);
        yield return ("discord json string", Utf8("\"hello\""), Json, 400);
        yield return ("discord deeply nested", nested, Json, 400);
        yield return ("discord 10 MB", huge, Json, 413);
        yield return ("discord invalid utf-8", invalidUtf8, Json, 400);
        yield return ("discord text/plain", Utf8(Interaction(_ => { }).ToJsonString()), "text/plain", null);
        yield return ("discord no id", Utf8(Interaction(i => i.Remove("id")).ToJsonString()), Json, 400);
        yield return ("discord null id", Utf8(Interaction(i => i["id"] = null).ToJsonString()), Json, 400);
        yield return ("discord ping with null id", Utf8("""{"id":null,"type":1,"application_id":"1300000000000000000","token":"t","version":1}"""), Json, 400);
        yield return ("discord no type", Utf8(Interaction(i => i.Remove("type")).ToJsonString()), Json, null);
        yield return ("discord type as text", Utf8(Interaction(i => i["type"] = "2").ToJsonString()), Json, null);
        yield return ("discord type as object", Utf8(Interaction(i => i["type"] = new JsonObject()).ToJsonString()), Json, null);
        yield return ("discord unknown type", Utf8(Interaction(i => i["type"] = 99).ToJsonString()), Json, null);
        yield return ("discord huge type", Utf8(Interaction(i => i["type"] = 1e300).ToJsonString()), Json, null);
        yield return ("discord no data", Utf8(Interaction(i => i.Remove("data")).ToJsonString()), Json, null);
        yield return ("discord data as array", Utf8(Interaction(i => i["data"] = new JsonArray()).ToJsonString()), Json, null);
        yield return ("discord options not an array", Utf8(Interaction(i => i["data"]!["options"] = "prompt=a fox").ToJsonString()), Json, null);
        yield return ("discord option value object", Utf8(Interaction(i => i["data"]!["options"]![0]!["value"] = new JsonObject { ["a"] = 1 }).ToJsonString()), Json, null);
        yield return ("discord option without name", Utf8(Interaction(i => i["data"]!["options"]![0]!.AsObject().Remove("name")).ToJsonString()), Json, null);
        yield return ("discord unknown command", Utf8(Interaction(i => i["data"]!["name"] = "rm").ToJsonString()), Json, null);
        yield return ("discord member without user", Utf8(Interaction(i => i["member"]!.AsObject().Remove("user")).ToJsonString()), Json, null);
        yield return ("discord permissions not a number", Utf8(Interaction(i => i["member"]!["permissions"] = "all").ToJsonString()), Json, null);
        yield return ("discord no token", Utf8(Interaction(i => i.Remove("token")).ToJsonString()), Json, null);
        yield return ("discord modal with no components", Utf8(discord.NewInteraction(5, new JsonObject { ["custom_id"] = "storyboard" }, DiscordChannel, "1100000000000000333").ToJsonString()), Json, null);
        yield return ("discord modal with a forged key", Utf8(discord.NewInteraction(5, new JsonObject { ["custom_id"] = "storyboard:aaaaaaaaaaaaaaaa", ["components"] = new JsonArray() }, DiscordChannel, "1100000000000000333").ToJsonString()), Json, null);
        yield return ("discord autocomplete on nothing", Utf8(discord.NewInteraction(4, new JsonObject { ["name"] = "video" }, DiscordChannel, "1100000000000000333").ToJsonString()), Json, null);
        yield return ("discord component without custom_id", Utf8(discord.NewInteraction(3, new JsonObject { ["component_type"] = 2 }, DiscordChannel, "1100000000000000333").ToJsonString()), Json, null);
        yield return ("discord unsigned", Utf8(Interaction(_ => { }).ToJsonString()), Json, 401);

        string Command(string text, string user) => HttpDoors.FormBody(SlackCommand(slack, "/video", text, user));
        yield return ("slack invalid utf-8", [.. Utf8(Command("a fox", "U0WIRE")), .. new byte[] { 0xC3, 0x28, 0xFF }], Form, null);
        yield return ("slack json body", Utf8("""{"command":"/video","text":"a fox"}"""), Json, null);
        yield return ("slack text/plain", Utf8(Command("a fox", "U0WIRE")), "text/plain", null);
        yield return ("slack 10 MB", huge, Form, 413);
        yield return ("slack empty body", [], Form, null);
        yield return ("slack no command", Utf8(HttpDoors.FormBody(Without(SlackCommand(slack, "/video", "a fox", "U0WIRE"), "command"))), Form, null);
        yield return ("slack unknown command", Utf8(HttpDoors.FormBody(SlackCommand(slack, "/rm", "-rf /", "U0WIRE"))), Form, null);
        yield return ("slack no text", Utf8(HttpDoors.FormBody(Without(SlackCommand(slack, "/status", "x", "U0WIRE"), "text"))), Form, null);
        yield return ("slack bad response_url", Utf8(HttpDoors.FormBody(With(SlackCommand(slack, "/status", "x", "U0WIRE"), "response_url", "file:///etc/passwd"))), Form, null);
        yield return ("slack percent garbage", Utf8("command=%2Fvideo&text=%ZZ%&user_id=%00"), Form, null);
        yield return ("slack unsigned", Utf8(Command("a fox", "U0WIRE")), Form, 401);

        string Payload(string json) => HttpDoors.FormBody([new("payload", json)]);
        yield return ("slack interactions no payload", Utf8("foo=bar"), Form, 400);
        yield return ("slack interactions payload not json", Utf8(Payload("{")), Form, 400);
        yield return ("slack interactions payload array", Utf8(Payload("[]")), Form, 400);
        yield return ("slack interactions deeply nested", Utf8(Payload(new string('[', 50_000) + new string(']', 50_000))), Form, 400);
        yield return ("slack interactions unknown type", Utf8(Payload("""{"type":"shortcut","user":{"id":"U0WIRE"},"team":{"id":"T0001"}}""")), Form, null);
        yield return ("slack interactions type number", Utf8(Payload("""{"type":7}""")), Form, null);
        yield return ("slack interactions no actions", Utf8(Payload("""{"type":"block_actions","user":{"id":"U0WIRE"},"team":{"id":"T0001"},"actions":[]}""")), Form, null);
        yield return ("slack interactions unknown action", Utf8(Payload(slack.NewBlockActions("rm_rf", "x", SlackChannel, "1.000001", "U0WIRE").ToJsonString())), Form, null);
        yield return ("slack interactions view without view", Utf8(Payload("""{"type":"view_submission","user":{"id":"U0WIRE"},"team":{"id":"T0001"}}""")), Form, null);
        yield return ("slack interactions view with forged metadata", Utf8(Payload("""{"type":"view_submission","user":{"id":"U0WIRE"},"team":{"id":"T0001"},"view":{"callback_id":"video","private_metadata":"{\"channel\":\"<!channel>\"}","state":{"values":{"x":{"y":{"type":"plain_text_input","value":"a fox"}}}}}}""")), Form, null);
        yield return ("slack interactions unsigned", Utf8(Payload("""{"type":"block_actions"}""")), Form, 401);

        yield return ("playground not json", Utf8("{"), Json, 400);
        yield return ("playground text/plain", Utf8("/video a fox"), "text/plain", null);
        yield return ("playground 10 MB", huge, Json, null);
        yield return ("playground empty object", Utf8("{}"), Json, null);
        yield return ("playground text as number", Utf8("""{"text":42,"user":"you"}"""), Json, null);
        yield return ("playground user as object", Utf8("""{"text":"/help","user":{"name":"x"}}"""), Json, null);
        yield return ("playground deeply nested", nested, Json, null);
        yield return ("playground invalid utf-8", invalidUtf8, Json, 400);
        yield return ("playground huge user", Utf8($$"""{"text":"/help","user":"{{new string('u', 100_000)}}"}"""), Json, null);

        yield return ("webhook wrong token", Utf8("{}"), Json, 404);
        yield return ("webhook unknown job", Utf8("{}"), Json, 404);
        yield return ("webhook 10 MB", huge, Json, null);
    }

    private static string WebhookPath(string name, BotJob job) => name switch
    {
        "webhook unknown job" => "/hooks/video/no-such-job/0000",
        _ => $"/hooks/video/{job.Id}/wrong-token",
    };

    private static FakeSlackMessage? CardOf(FakeSlack slack, string jobId) =>
        slack.Messages.Values.FirstOrDefault(m => m.ThreadTs is null && m.Payload.ToJsonString().Contains(jobId, StringComparison.Ordinal) && m.ActionIds.Count > 0);

    private static List<KeyValuePair<string, string>> SlackCommand(FakeSlack slack, string command, string text, string user) =>
        [.. slack.NewSlashCommand(command, text, SlackChannel, user).Select(p => new KeyValuePair<string, string>(p.Key, (string?)p.Value ?? string.Empty))];

    private static List<KeyValuePair<string, string>> Without(List<KeyValuePair<string, string>> fields, string key) => [.. fields.Where(f => f.Key != key)];

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, string key, string value) =>
        [.. fields.Select(f => f.Key == key ? new KeyValuePair<string, string>(key, value) : f)];

    private static JsonObject WithoutChannel(JsonObject interaction)
    {
        interaction.Remove("channel_id");
        interaction.Remove("channel");
        return interaction;
    }

    private static JsonObject Video(string prompt) => new()
    {
        ["name"] = "video",
        ["type"] = 1,
        ["options"] = new JsonArray(
            new JsonObject { ["name"] = "prompt", ["type"] = 3, ["value"] = prompt },
            new JsonObject { ["name"] = "duration", ["type"] = 4, ["value"] = 3 }),
    };

    private static JsonObject Command(string name, string text) => name switch
    {
        "status" => new JsonObject { ["name"] = "status", ["type"] = 1, ["options"] = new JsonArray(new JsonObject { ["name"] = "job", ["type"] = 3, ["value"] = text }) },
        "quota" => new JsonObject
        {
            ["name"] = "quota",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject
            {
                ["name"] = "set",
                ["type"] = 1,
                ["options"] = new JsonArray(new JsonObject { ["name"] = "user", ["type"] = 6, ["value"] = text }, new JsonObject { ["name"] = "videos", ["type"] = 4, ["value"] = text }),
            }),
        },
        _ => new JsonObject { ["name"] = name, ["type"] = 1, ["options"] = new JsonArray(new JsonObject { ["name"] = "text", ["type"] = 3, ["value"] = text }) },
    };

    private static JsonObject Button(string customId) => new() { ["custom_id"] = customId, ["component_type"] = 2 };
}
