using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SeedanceBot.Discord.Gateway;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Discord.Tests.Gateway;

/// <summary>The Gateway client over a real WebSocket against the fake Gateway, on a fake clock.</summary>
public sealed class DiscordGatewayTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);
    private DiscordHarness _harness = null!;
    private DiscordGateway _gateway = null!;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private FakeDiscord Discord => _harness.Discord;

    public async ValueTask InitializeAsync()
    {
        _harness = await DiscordHarness.StartAsync();
        _gateway = _harness.Get<DiscordGateway>();
        _gateway.Jitter = () => 0.5;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAny(_running, Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        await _harness.DisposeAsync();
        _stop.Dispose();
    }

    private async Task<FakeGatewaySession> StartAsync()
    {
        _running = Task.Run(() => _gateway.RunAsync(_stop.Token), TestContext.Current.CancellationToken);
        var session = await Discord.NextGatewaySessionAsync();
        await FakeDiscord.WaitUntilAsync(() => _gateway.Status == GatewayStatus.Ready);
        return session;
    }

    private Task<FakeGatewaySession> NextSessionAsync() => _harness.Time.DriveAsync(Discord.NextGatewaySessionAsync(), Step);

    [Fact]
    public async Task RunAsync_Connects_IdentifiesWithToken_AndIsReady()
    {
        var session = await StartAsync();

        Assert.Equal("?v=10&encoding=json", session.Query);
        var identify = session.Sent.Single(p => (int?)p["op"] == 2)["d"]!;
        Assert.Equal(FakeDiscord.BotToken, (string?)identify["token"]);
        Assert.Equal(0, (int?)identify["intents"]);
        Assert.Equal("[0,1]", identify["shard"]!.ToJsonString());
        Assert.Equal("seedancebot", (string?)identify["properties"]!["browser"]);
        Assert.Equal(GatewayStatus.Ready, _gateway.Status);
    }

    [Fact]
    public async Task Heartbeat_FirstAfterJitteredInterval_ThenEveryInterval_WithLastSequence()
    {
        var session = await StartAsync();

        _harness.Time.Advance(TimeSpan.FromMilliseconds(20624));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(session.Sent, p => (int?)p["op"] == 1);

        _harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var first = await session.NextAsync(1);

        Assert.Equal(1, (long?)first["d"]);
        await FakeDiscord.WaitUntilAsync(() => _gateway.HeartbeatAcks == 1);

        // Driven, not advanced once: the bot may not have started waiting for the next beat yet on a busy machine.
        var ackedAt = _harness.Time.GetUtcNow();
        await _harness.Time.DriveAsync(session.NextAsync(1), TimeSpan.FromMilliseconds(250));
        Assert.True(_harness.Time.GetUtcNow() - ackedAt >= TimeSpan.FromMilliseconds(41250), $"second beat after {_harness.Time.GetUtcNow() - ackedAt}");
        Assert.Equal(2, session.Sent.Count(p => (int?)p["op"] == 1));
    }

    [Fact]
    public async Task ServerHeartbeatRequest_IsAnsweredAtOnce()
    {
        var session = await StartAsync();

        await session.SendOpAsync(1);

        var beat = await session.NextAsync(1);
        Assert.Equal(1, (long?)beat["d"]);
    }

    [Fact]
    public async Task NoHeartbeatAck_ClosesZombieWithNon1000Code_AndResumesWithSequence()
    {
        var session = await StartAsync();
        session.AckHeartbeats = false;

        _harness.Time.Advance(TimeSpan.FromMilliseconds(20625));
        await session.NextAsync(1);
        _harness.Time.Advance(TimeSpan.FromMilliseconds(41250));
        var next = await NextSessionAsync();

        await session.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(4000, session.ClientCloseCode);
        var resume = (await next.NextAsync(6))["d"]!;
        Assert.Equal(FakeDiscord.SessionId, (string?)resume["session_id"]);
        Assert.Equal(1, (long?)resume["seq"]);
        Assert.Equal(FakeDiscord.BotToken, (string?)resume["token"]);
    }

    [Fact]
    public async Task DroppedSocket_Resumes_AndAnInteractionReplayedOnResumeIsAnswered()
    {
        var session = await StartAsync();
        var before = Discord.NewInteraction(2, new JsonObject { ["name"] = "help", ["type"] = 1 });
        await Discord.DispatchInteractionAsync(before);
        await FakeDiscord.WaitUntilAsync(() => Discord.Callbacks.ContainsKey((string)before["id"]!));

        Discord.AutoGateway = false;
        await session.CloseAsync(4000);
        var resumed = await NextSessionAsync();
        await resumed.SendHelloAsync(41250);
        var resume = (await resumed.NextAsync(6))["d"]!;
        Assert.Equal(2, (long?)resume["seq"]);

        // Discord replays what the bot missed while it was away, then says RESUMED.
        var missed = Discord.NewInteraction(2, new JsonObject { ["name"] = "help", ["type"] = 1 });
        await resumed.DispatchAsync("INTERACTION_CREATE", 3, missed);
        await resumed.DispatchAsync("RESUMED", 4, new JsonObject());

        await FakeDiscord.WaitUntilAsync(() => Discord.Callbacks.ContainsKey((string)missed["id"]!));
        var callback = Discord.Callbacks[(string)missed["id"]!];
        Assert.Equal(4, (int?)callback["type"]);
        Assert.Equal(64, (int?)callback["data"]!["flags"]);
        Assert.Equal(2, Discord.GatewaySessions.Count);
    }

    [Fact]
    public async Task Op7Reconnect_ClosesAndResumes()
    {
        var session = await StartAsync();

        await session.SendOpAsync(7);
        var next = await NextSessionAsync();

        await next.NextAsync(6);
        await session.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(4000, session.ClientCloseCode);
    }

    [Fact]
    public async Task Op9NotResumable_IdentifiesAnew()
    {
        var session = await StartAsync();

        await session.SendOpAsync(9, JsonValue.Create(false));
        var next = await NextSessionAsync();

        var identify = await _harness.Time.DriveAsync(next.NextAsync(2), Step);
        Assert.Equal(FakeDiscord.BotToken, (string?)identify["d"]!["token"]);
        Assert.DoesNotContain(next.Sent, p => (int?)p["op"] == 6);
    }

    [Fact]
    public async Task Op9Resumable_Resumes()
    {
        var session = await StartAsync();

        await session.SendOpAsync(9, JsonValue.Create(true));
        var next = await NextSessionAsync();

        await next.NextAsync(6);
    }

    [Fact]
    public async Task SessionTimedOutClose_IdentifiesAnew()
    {
        var session = await StartAsync();

        await session.CloseAsync(4009);
        var next = await NextSessionAsync();

        // A new identify waits out the 5 s identify spacing on the fake clock.
        await _harness.Time.DriveAsync(next.NextAsync(2), Step);
    }

    [Theory]
    [InlineData(4004)]
    [InlineData(4014)]
    public async Task FatalClose_StopsForGood_WithoutReconnecting(int code)
    {
        var session = await StartAsync();

        await session.CloseAsync(code);
        await _harness.Time.DriveAsync(_running, Step);

        Assert.Equal(GatewayStatus.Stopped, _gateway.Status);
        Assert.Single(Discord.GatewaySessions);
    }

    [Fact]
    public async Task IdentifyBudgetSpent_WaitsForItsReset_BeforeIdentifying()
    {
        Discord.SessionStartRemaining = 0;
        Discord.SessionStartResetAfter = TimeSpan.FromMinutes(2);
        var started = _harness.Time.GetUtcNow();

        _running = Task.Run(() => _gateway.RunAsync(_stop.Token), TestContext.Current.CancellationToken);
        var session = await _harness.Time.DriveAsync(Discord.NextGatewaySessionAsync(), TimeSpan.FromSeconds(1));
        await session.NextAsync(2);

        Assert.True(_harness.Time.GetUtcNow() - started >= TimeSpan.FromMinutes(2), $"identified after {_harness.Time.GetUtcNow() - started}");
    }

    [Fact]
    public async Task MalformedInteractionCreate_IsSkipped_AndTheSessionGoesOn()
    {
        var session = await StartAsync();

        await session.DispatchAsync("INTERACTION_CREATE", 2, new JsonObject { ["id"] = null, ["type"] = 2 });
        await session.DispatchAsync("INTERACTION_CREATE", 3, new JsonObject { ["id"] = "1309000000000000001", ["type"] = "two" });
        await session.DispatchAsync("INTERACTION_CREATE", 4, JsonValue.Create("not an interaction"));
        await session.SendRawAsync("""{"op":"zero","d":{}}""");
        var help = Discord.NewInteraction(2, new JsonObject { ["name"] = "help", ["type"] = 1 });
        await session.DispatchAsync("INTERACTION_CREATE", 5, help);

        try
        {
            await FakeDiscord.WaitUntilAsync(() => Discord.Callbacks.ContainsKey((string)help["id"]!));
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException("not answered; log:\n" + _harness.Logs.AllText, ex);
        }

        Assert.Single(Discord.GatewaySessions);
        Assert.Equal(GatewayStatus.Ready, _gateway.Status);
        Assert.Single(Discord.Callbacks);
    }

    [Fact]
    public async Task InteractionReplayed_ToANewClientAfterARestart_MakesNoSecondJob()
    {
        await StartAsync();
        var video = Discord.NewInteraction(2, new JsonObject
        {
            ["name"] = "video",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "prompt", ["type"] = 3, ["value"] = "a fox" }),
        });
        await Discord.DispatchInteractionAsync(video.DeepClone().AsObject());
        await FakeDiscord.WaitUntilAsync(() => Discord.Callbacks.ContainsKey((string)video["id"]!));
        Assert.Single(_harness.Store.All);
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        // A new process: nothing of the first client in memory; the store (and its ledger) is what survives.
        var restarted = ActivatorUtilities.CreateInstance<DiscordGateway>(_harness.Services);
        restarted.Jitter = () => 0.5;
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => restarted.RunAsync(stop.Token), TestContext.Current.CancellationToken);
        try
        {
            // Within 5 s of the first identify: the restarted client waits for the bucket's identify slot.
            var session = await NextSessionAsync();
            await _harness.Time.DriveAsync(FakeDiscord.WaitUntilAsync(() => restarted.Status == GatewayStatus.Ready), Step);
            Discord.Callbacks.Clear();

            await session.DispatchAsync("INTERACTION_CREATE", 10, video.DeepClone());

            await FakeDiscord.WaitUntilAsync(() => _harness.Store.All.Count > 1 || _harness.Logs.Entries.Any(e => e.EventId.Name == "DiscordInteractionReplayed"));
            Assert.Single(_harness.Store.All);
            Assert.Empty(Discord.Callbacks);
        }
        finally
        {
            await stop.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        }
    }
}
