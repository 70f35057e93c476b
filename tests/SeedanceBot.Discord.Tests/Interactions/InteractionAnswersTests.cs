using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Styles;
using SeedanceBot.Core.Quotas;
using System.Text.Json.Nodes;
using SeedanceBot.Core.Video;
using SeedanceBot.Discord.Tests.Adapter;

namespace SeedanceBot.Discord.Tests.Interactions;

/// <summary>How answers go out: split within Discord's limits, and never a public refusal, however slow Core is.</summary>
public sealed class InteractionAnswersTests : SignedInteractionTests
{
    [Fact]
    public async Task Styles_ThirtyWithLongDescriptions_AreAllListed_InPrivateMessagesWithinDiscordsLimits()
    {
        Harness.Provider.Styles = [.. Enumerable.Range(1, 30).Select(i => new VideoStyle($"style-{i:00}", $"Style number {i}",
            $"A long description of style {i}: " + string.Join(' ', Enumerable.Repeat("soft light, film grain and gentle colour", 5))))];
        await Harness.RefreshStylesAsync();

        var answer = await SendAsync(Discord.NewInteraction(2, Command("styles")));
        await WaitUntilAsync(() => Discord.MessagesIn(Channel).Count > 0);

        Assert.Equal(4, (int?)answer["type"]);
        List<JsonNode> parts = [answer["data"]!, .. Discord.MessagesIn(Channel).Select(m => m.Payload)];
        Assert.True(parts.Count > 1, "one message cannot hold 30 long styles");
        Assert.All(parts, DiscordLimitsAssert.WithinLimits);
        Assert.All(parts, p => Assert.Equal(64, (int?)p["flags"]));
        Assert.All(Discord.MessagesIn(Channel), m => Assert.Equal("followup", m.Via));
        var shown = string.Join('\n', parts.Select(p => p.ToJsonString()));
        Assert.All(Enumerable.Range(1, 30), i => Assert.Contains($"style-{i:00}", shown, StringComparison.Ordinal));
        Assert.Contains("30 styles", (string?)answer["data"]!["content"], StringComparison.Ordinal);
        Assert.Contains($"(part 1 of {parts.Count})", (string?)answer["data"]!["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Video_StaleCatalogueAndAHangingApi_IsAnsweredAtOnceFromTheCachedStyles()
    {
        Harness.Provider.StylesDelay = TimeSpan.FromHours(1);
        Harness.Time.Advance(StylesCache.Lifetime * 2);

        var accepted = await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox"), Option("style", 3, "anime"))));
        var refused = await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox"), Option("style", 3, "vaporwave"))));

        // The job's public status fills a public deferred response; the refusal is a private answer, not a defer.
        Assert.Equal(5, (int?)accepted["type"]);
        Assert.Null(accepted["data"]?["flags"]);
        Assert.Equal(4, (int?)refused["type"]);
        Assert.Contains("Unknown style 'vaporwave'", (string?)refused["data"]!["content"], StringComparison.Ordinal);
        Assert.Equal(64, (int?)refused["data"]!["flags"]);
        Assert.Single(Harness.Store.All);
    }

    [Fact]
    public async Task SlowStore_AQuotaRefusalAfterTheAnswerBudget_IsOnlyEverShownPrivately()
    {
        await Harness.Store.SetUserAsync(new WorkspaceKey("discord", "1200000000000000000"), "1100000000000000111", new QuotaOverride(DailyVideos: 0), CancellationToken.None);
        Harness.Store.Stall = ct => Task.Delay(TimeSpan.FromSeconds(10), Harness.Time, ct);
        var interaction = Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox")));

        var answer = await SendDrivenAsync(interaction, TimeSpan.FromMilliseconds(500));
        await WaitUntilAsync(() => Discord.MessagesIn(Channel).Any(m => m.Content.Contains("videos", StringComparison.OrdinalIgnoreCase)));

        var refusal = Assert.Single(Discord.MessagesIn(Channel));
        Assert.True(refusal.Ephemeral, "the refusal is visible to everyone: " + refusal.Payload.ToJsonString());
        Assert.Equal(5, (int?)answer["type"]);
        Assert.Equal(64, (int?)answer["data"]?["flags"]);
        Assert.Empty(Harness.Store.All);
    }

    [Fact]
    public async Task Video_AJobMadeInTime_ItsStatusFillsThePublicDefer_WithoutAClaimInTheStore()
    {
        var interaction = Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox")));

        var answer = await SendAsync(interaction);
        await Harness.RunJobsAsync();

        Assert.Equal("""{"type":5}""", answer.ToJsonString());
        var status = Assert.Single(Discord.MessagesIn(Channel), m => m.Via == "original");
        Assert.False(status.Ephemeral);
        Assert.Contains("a fox", status.Payload.ToJsonString(), StringComparison.Ordinal);

        // The response was this process's public defer: the status took it without writing a claim (the key is still free).
        Assert.True(await ((IInteractionLedger)Harness.Store).TryRecordAsync("discord", "original:" + (string)interaction["id"]!, Harness.Time.GetUtcNow().AddHours(1), CancellationToken.None));
    }

    [Fact]
    public async Task Video_Admitted_IsDeferredPubliclyBeforeItsWriteIsOnDisk_ThenItsStatusFillsTheDefer()
    {
        var (answer, onDisk) = await SendVideoWithItsWriteHeldAsync();
        var postedBeforeTheWrite = Discord.MessagesIn(Channel).Count;
        onDisk.SetResult();
        await WaitUntilAsync(() => Harness.Store.All.Count == 1);
        await Harness.RunJobsAsync();

        Assert.Equal("""{"type":5}""", answer.ToJsonString());
        Assert.Equal(0, postedBeforeTheWrite);
        var status = Assert.Single(Discord.MessagesIn(Channel));
        Assert.Equal("original", status.Via);
        Assert.False(status.Ephemeral);
        Assert.Contains("a fox", status.Payload.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Video_AdmittedThenItsWriteFails_NothingShowsInPublic_TheErrorIsPrivate()
    {
        var (answer, onDisk) = await SendVideoWithItsWriteHeldAsync();
        onDisk.SetException(new IOException("the disk is gone"));
        await WaitUntilAsync(() => Discord.MessagesIn(Channel).Any(m => m.Via == "followup") && Discord.MessagesIn(Channel).All(m => m.Via != "original"));

        Assert.Equal("""{"type":5}""", answer.ToJsonString());
        var error = Assert.Single(Discord.MessagesIn(Channel));
        Assert.True(error.Ephemeral, "the error is visible to everyone: " + error.Payload.ToJsonString());
        Assert.Contains("Something went wrong", error.Content, StringComparison.Ordinal);
        Assert.Empty(Harness.Store.All);
        // The public response was filled with a neutral line before the private answer, then deleted.
        Assert.Contains(Discord.Requests, r => r.Method == "DELETE" && r.Path.EndsWith("/messages/@original", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Video_AdmittedThenItsFlushFails_TheJobStoredAfterAll_ItsStatusFillsTheDefer()
    {
        Harness.Store.WriteFailsAfterCommit = true;
        var (answer, onDisk) = await SendVideoWithItsWriteHeldAsync();
        onDisk.SetException(new IOException("the flush failed"));
        await WaitUntilAsync(() => Harness.Logs.Entries.Any(e => e.EventId.Name == "CommandFailed"));
        await Harness.RunJobsAsync();

        Assert.Equal("""{"type":5}""", answer.ToJsonString());
        // Committed, so it runs: never "not queued", never a private error that invites a second job.
        var status = Assert.Single(Discord.MessagesIn(Channel));
        Assert.Equal("original", status.Via);
        Assert.False(status.Ephemeral);
        Assert.Contains("a fox", status.Payload.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Discord.Requests, r => r.Method == "DELETE");
    }

    /// <summary>A /video whose job is admitted and whose write is held (the clock stands still: an answer that waited for the write never comes).</summary>
    private async Task<(JsonNode Answer, TaskCompletionSource OnDisk)> SendVideoWithItsWriteHeldAsync()
    {
        var onDisk = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Harness.Store.WriteStall = _ => onDisk.Task;
        var answer = await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox")))).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return (answer, onDisk);
    }

    [Fact]
    public async Task SlowStore_AJobMadeAfterTheAnswerBudget_GetsAPublicStatusAndResult_TheDeferStaysPrivate()
    {
        Harness.Store.Stall = ct => Task.Delay(TimeSpan.FromSeconds(10), Harness.Time, ct);
        var interaction = Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox")));

        var answer = await SendDrivenAsync(interaction, TimeSpan.FromMilliseconds(50));
        var exchange = Assert.Single(Harness.Exchanges);
        Assert.True(exchange.AnsweredAt - exchange.ReceivedAt < TimeSpan.FromSeconds(3), $"answered after {exchange.AnsweredAt - exchange.ReceivedAt}");
        Assert.Equal(5, (int?)answer["type"]);
        Assert.Equal(64, (int?)answer["data"]?["flags"]);
        await WaitUntilAsync(() => Harness.Store.All.Count == 1);
        await Harness.RunJobsAsync();

        var job = Harness.Store.All.Single();
        var messages = Discord.MessagesIn(Channel);
        var note = messages.Single(m => m.Via == "original");
        Assert.True(note.Ephemeral);
        Assert.Contains(job.Id, note.Content, StringComparison.Ordinal);
        var status = messages.Single(m => m.Via == "followup");
        Assert.False(status.Ephemeral);
        Assert.Contains("a fox", status.Payload.ToJsonString(), StringComparison.Ordinal);

        await DeliverAllAsync();
        var result = Discord.MessagesIn(Channel).Single(m => m.FooterText is not null);
        Assert.False(result.Ephemeral);
        Assert.StartsWith($"<@{Alice}> Your video is ready.", result.Content, StringComparison.Ordinal);
        Assert.StartsWith("Done in", Discord.Messages[status.Id].Content, StringComparison.Ordinal);
    }
}
