using Microsoft.Extensions.DependencyInjection;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.Postgres;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Tests;

/// <summary>
/// Two replicas on one PostgreSQL database, each holding its own Socket Mode connection to the fake Slack: an envelope
/// Slack retries on the other replica's connection is acknowledged there but never handled twice: the request's
/// trigger_id (or envelope id) is recorded in the shared store: a typed /video's by the reservation of its job (Core
/// tells the replay), anything else's in the interaction ledger before it reaches Core.
/// </summary>
public sealed class SlackReplicasTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    /// <summary>Core's event: a typed /video's request is recorded with its job.</summary>
    private const string ReplayedEvent = "RequestReplayed";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SocketMode_EnvelopeRetriedOnTheOtherReplica_IsAcknowledgedThere_AndMakesOneJob()
    {
        var connectionString = await cluster.CreateDatabaseAsync(Token);
        var time = FakeClock.Create();
        await using var slack = await FakeSlack.StartAsync(time);
        Dictionary<string, string> Settings(string replica) => new()
        {
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:AppToken"] = FakeSlack.AppToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
            ["Replica:Id"] = replica,
        };
        await using var a = await BotHost.StartAsync(settings: Settings("bot-a"), clock: time);
        var onA = await slack.NextSocketSessionAsync();
        await using var b = await BotHost.StartAsync(settings: Settings("bot-b"), clock: time);
        var onB = await slack.NextSocketSessionAsync();
        var command = slack.NewSlashCommand("/video", "a fox in the snow --duration 4");

        var id = await onA.SendEnvelopeAsync("slash_commands", command);
        await onA.NextAckAsync(id);
        await onB.SendEnvelopeAsync("slash_commands", command, envelopeId: id);
        var retried = await onB.NextAckAsync(id);
        bool Replayed(BotHost host) => host.Logs.Entries.Any(e => e.EventId.Name == ReplayedEvent);
        await a.RunUntilAsync(() => Task.FromResult(slack.Responses.Count > 0 && (Replayed(a) || Replayed(b))));
        var jobs = await a.Services.GetRequiredService<IJobStore>().ListRecentAsync("slack", FakeSlack.TeamId, "U0USER", DateTimeOffset.MinValue, 10, Token);

        Assert.Null(retried["payload"]);
        // Whichever replica's socket the first delivery reached handled it; the other one recognised the retry.
        Assert.True(Replayed(a) ^ Replayed(b));
        Assert.Single(jobs);
        Assert.StartsWith("Queued as job", Assert.Single(slack.Responses).Text, StringComparison.Ordinal);
    }
}
