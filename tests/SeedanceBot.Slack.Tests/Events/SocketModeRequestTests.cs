using System.Text.Json.Nodes;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Slack.Tests.Events;

/// <summary>A bot over Socket Mode against the fake Slack with three users (Boss is a workspace admin), and helpers to send it requests.</summary>
public abstract class SocketModeRequestTests : IAsyncLifetime
{
    protected const string Alice = "U0USER";
    protected const string Bob = "U0BOB";
    protected const string Boss = "U0BOSS";
    protected static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);

    internal SlackHarness Harness { get; private set; } = null!;

    internal FakeSocketSession Session { get; private set; } = null!;

    internal FakeSlack Slack => Harness.Slack;

    public async ValueTask InitializeAsync()
    {
        Harness = await SlackHarness.StartAsync(start: true, arrange: slack =>
        {
            slack.Users[Alice] = new FakeSlackUser(Alice, "alice");
            slack.Users[Bob] = new FakeSlackUser(Bob, "bob");
            slack.Users[Boss] = new FakeSlackUser(Boss, "boss", IsAdmin: true);
        });
        Session = await Slack.NextSocketSessionAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected async Task<JsonObject> SendAsync(string type, JsonObject payload)
    {
        // The clock stands still here: moving it while Core works would eat the 2-second answer budget.
        var id = await Session.SendEnvelopeAsync(type, payload);
        return await Session.NextAckAsync(id);
    }

    /// <summary>A /video from Alice, generated and delivered: the channel then holds its result card.</summary>
    protected async Task<(BotJob Job, FakeSlackMessage Card)> DeliveredVideoAsync()
    {
        var (job, card) = await DeliveredVideoOfAsync(Alice);
        Assert.Single(Harness.Store.All);
        return (job, card);
    }

    /// <summary>A /video from <paramref name="userId"/>, generated and delivered; its result card in C0CHAN.</summary>
    protected async Task<(BotJob Job, FakeSlackMessage Card)> DeliveredVideoOfAsync(string userId)
    {
        var ack = await SendAsync("slash_commands", Slack.NewSlashCommand("/video", "a fox in the snow --duration 4", userId: userId));
        Assert.Contains("Queued as job", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
        await Harness.Time.DriveAsync(Harness.RunJobsAsync(), Step);
        Harness.Time.Advance(Harness.Provider.GenerationTime + TimeSpan.FromMinutes(5));
        await Harness.Time.DriveAsync(Harness.RunJobsAsync(), Step);
        var job = Harness.Store.All.Single(j => j.UserId == userId);
        Assert.Equal(DeliveryState.Delivered, job.Delivery);
        return (job, CardOf(job.Id));
    }

    protected FakeSlackMessage CardOf(string jobId) =>
        Slack.MessagesIn("C0CHAN").Single(m => m.ThreadTs is null && m.Payload.ToJsonString().Contains("job " + jobId, StringComparison.Ordinal));

    protected async Task ClickAsync(string action, FakeSlackMessage card, string userId)
    {
        var value = (string?)card.Blocks!.Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray()
            .Single(e => (string?)e!["action_id"] == action)!["value"];
        var responses = Slack.Responses.Count;
        await SendAsync("interactive", Slack.NewBlockActions(action, value!, "C0CHAN", card.Ts, userId));
        // The clock stands still: moving it would let the admin lookup's 1.5 s budget run out on a busy machine.
        await FakeSlack.WaitUntilAsync(() => Slack.Responses.Count > responses);
    }

    internal static JsonObject Text(string value) => FakeSlack.TextValue(value);

    internal static JsonObject Submission(JsonObject view, JsonObject values) => FakeSlack.NewViewSubmission(view, values, Alice);
}
