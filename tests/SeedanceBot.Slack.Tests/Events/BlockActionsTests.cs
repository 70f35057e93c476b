using SeedanceBot.Testing.Slack;

namespace SeedanceBot.Slack.Tests.Events;

/// <summary>The buttons under a result card over Socket Mode: state from the store, deletes only of what the job's record names, by whoever may.</summary>
public sealed class BlockActionsTests : SocketModeRequestTests
{
    [Fact]
    public async Task Delete_BySomeoneElse_IsRefused_ByTheRequester_RemovesCardAndFile()
    {
        var (_, card) = await DeliveredVideoAsync();

        await ClickAsync("sb_delete", card, Bob);
        Assert.Contains("Only the person who asked", Slack.Responses[^1].Text, StringComparison.Ordinal);
        Assert.Contains(card.Ts, Slack.Messages.Keys);

        await ClickAsync("sb_delete", card, Alice);
        Assert.DoesNotContain(card.Ts, Slack.Messages.Keys);
        Assert.Equal("ephemeral", Slack.Responses[^1].ResponseType);
        Assert.Contains("Deleted", Slack.Responses[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ByAWorkspaceAdmin_IsAllowed()
    {
        var (_, card) = await DeliveredVideoAsync();

        await ClickAsync("sb_delete", card, Boss);

        Assert.DoesNotContain(card.Ts, Slack.Messages.Keys);
    }

    [Fact]
    public async Task Continue_OfAVideoWithoutALastFrame_SaysSoPrivately_AndOpensNoForm()
    {
        var (job, card) = await DeliveredVideoAsync();
        var responses = Slack.Responses.Count;

        // The card has no Continue button; a click from an older card (or a forged one) still names the job.
        Assert.DoesNotContain("sb_continue", card.ActionIds);
        await SendAsync("interactive", Slack.NewBlockActions("sb_continue", job.Id, "C0CHAN", card.Ts, Bob));
        await FakeSlack.WaitUntilAsync(() => Slack.Responses.Count > responses);

        Assert.Contains("did not return the last frame", Slack.Responses[^1].Text, StringComparison.Ordinal);
        Assert.Equal("ephemeral", Slack.Responses[^1].ResponseType);
        Assert.DoesNotContain(Slack.OpenedViews, v => (string?)v["callback_id"] == "sb_continue");
    }

    [Fact]
    public async Task ContinueForm_Outdated_IsRefusedInTheForm()
    {
        var ack = await SendAsync("interactive", Submission(new System.Text.Json.Nodes.JsonObject { ["callback_id"] = "sb_continue", ["private_metadata"] = "{}" }, new System.Text.Json.Nodes.JsonObject { ["prompt"] = Text("the fox leaps") }));

        Assert.Equal("errors", (string?)ack["payload"]!["response_action"]);
        Assert.Contains("out of date", (string?)ack["payload"]!["errors"]!["prompt"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reroll_FromTheStoredJob_MakesANewJobForTheClicker_WithANewSeed()
    {
        var (job, card) = await DeliveredVideoAsync();

        await ClickAsync("sb_reroll", card, Bob);

        var reroll = Assert.Single(Harness.Store.All, j => j.Id != job.Id);
        Assert.Equal(Bob, reroll.UserId);
        Assert.Equal(job.Request.Prompt, reroll.Request.Prompt);
        Assert.NotEqual(job.Request.Seed, reroll.Request.Seed);
        Assert.Contains("Queued as job " + reroll.Id, Slack.Responses[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_OfALinkedResult_AlsoRemovesItsThreadReply()
    {
        var (_, card) = await DeliveredVideoAsync();
        Assert.Single(Slack.MessagesIn("C0CHAN"), m => m.ThreadTs == card.Ts);

        await ClickAsync("sb_delete", card, Alice);

        Assert.Empty(Slack.MessagesIn("C0CHAN"));
    }

    [Fact]
    public async Task Delete_ForgedValueNamingAnotherUsersFile_DeletesOnlyTheClickersOwnResult()
    {
        // Alice's uploaded video, somewhere in the workspace.
        Slack.Files["F0VICTIM"] = new FakeSlackFile("F0VICTIM", "seedance-alice.mp4", "alice's video", 1, [0], "C0CHAN", null, null, Completed: true);
        var (bobJob, bobCard) = await DeliveredVideoOfAsync(Bob);
        var responses = Slack.Responses.Count;

        await SendAsync("interactive", Slack.NewBlockActions("sb_delete", bobJob.Id + "|F0VICTIM", "C0CHAN", bobCard.Ts, Bob));
        await FakeSlack.WaitUntilAsync(() => Slack.Responses.Count > responses);

        Assert.Contains("F0VICTIM", Slack.Files.Keys);
        Assert.DoesNotContain(Slack.Requests, r => r.ApiMethod == "files.delete");
        Assert.DoesNotContain(bobCard.Ts, Slack.Messages.Keys);
    }

    [Fact]
    public async Task Delete_OwnJobIdClickedOnAnotherUsersCard_DeletesNothing()
    {
        var (_, aliceCard) = await DeliveredVideoOfAsync(Alice);
        var (bobJob, bobCard) = await DeliveredVideoOfAsync(Bob);
        var responses = Slack.Responses.Count;

        await SendAsync("interactive", Slack.NewBlockActions("sb_delete", bobJob.Id, "C0CHAN", aliceCard.Ts, Bob));
        await FakeSlack.WaitUntilAsync(() => Slack.Responses.Count > responses);

        Assert.Contains(aliceCard.Ts, Slack.Messages.Keys);
        Assert.Contains(bobCard.Ts, Slack.Messages.Keys);
        Assert.DoesNotContain(Slack.Requests, r => r.ApiMethod is "chat.delete" or "files.delete");
        Assert.Equal("ephemeral", Slack.Responses[^1].ResponseType);
        Assert.DoesNotContain("Deleted", Slack.Responses[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ByTheRequester_RemovesExactlyWhatTheResultHandleNames()
    {
        var (job, card) = await DeliveredVideoAsync();
        var reply = Slack.MessagesIn("C0CHAN").Single(m => m.ThreadTs == card.Ts);

        await ClickAsync("sb_delete", card, Alice);

        var deleted = Slack.Requests.Where(r => r.ApiMethod == "chat.delete").Select(r => r.Json?["ts"]?.ToString() ?? r.Form["ts"]).ToList();
        Assert.Equal([reply.Ts, card.Ts], deleted);
        Assert.NotNull(Harness.Store.All.Single(j => j.Id == job.Id).ResultHandle);
    }

    [Fact]
    public async Task Reroll_ByAUserIdCarryingMarkup_MakesNoJob()
    {
        var (_, card) = await DeliveredVideoAsync();
        var value = (string?)card.Blocks!.Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray().Single(e => (string?)e!["action_id"] == "sb_reroll")!["value"];
        var responses = Slack.Responses.Count;

        await SendAsync("interactive", Slack.NewBlockActions("sb_reroll", value!, "C0CHAN", card.Ts, "UH055><!here"));
        await FakeSlack.WaitUntilAsync(() => Slack.Responses.Count > responses);

        Assert.Single(Harness.Store.All);
        Assert.Contains("workspace, user or channel", Slack.Responses[^1].Text, StringComparison.Ordinal);
    }
}
