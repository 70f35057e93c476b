using System.Text.Json.Nodes;
using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Discord.Tests.Interactions;

/// <summary>
/// The buttons under a result, acting from stored state: re-roll and fresh link; the delete button acts only on the
/// job's own result message, whatever message a click claims to come from.
/// </summary>
public sealed class ComponentClicksTests : SignedInteractionTests
{
    private async Task<(BotJob Alices, BotJob Bobs)> TwoDeliveredVideosAsync()
    {
        await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "alice's fox")), userId: Alice));
        await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "bob's cat")), userId: Bob));
        await DeliverAllAsync();
        return (Harness.Store.All.Single(j => j.UserId == Alice), Harness.Store.All.Single(j => j.UserId == Bob));
    }

    private string ResultMessageOf(BotJob job) => Discord.MessagesIn(Channel).Single(m => m.FooterText == "SeedanceBot · job " + job.Id).Id;

    private JsonObject Click(string customId, string user, string messageId) => Discord.NewInteraction(3,
        new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 }, userId: user,
        message: new JsonObject { ["id"] = messageId, ["channel_id"] = Channel });

    [Fact]
    public async Task Delete_OwnJobsButton_SentOnSomeoneElsesMessage_DeletesNothing()
    {
        var (alices, bobs) = await TwoDeliveredVideosAsync();
        var bobsResult = ResultMessageOf(bobs);

        var answer = await SendAsync(Click("sb:delete:" + alices.Id, Alice, bobsResult));

        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.True(Discord.Messages.ContainsKey(bobsResult), "the victim's message was deleted");
        Assert.True(Discord.Messages.ContainsKey(ResultMessageOf(alices)));
        Assert.DoesNotContain(Discord.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Deliver_StoresTheResultMessage_AsTheJobsResultHandle()
    {
        var (alices, _) = await TwoDeliveredVideosAsync();

        Assert.Equal($"f:{Channel}:{ResultMessageOf(alices)}", alices.ResultHandle);
    }

    [Fact]
    public async Task Delete_ByOthers_IsRefused_TheRequesterDeletesTheResult_AlsoAfterTheToken()
    {
        var (alices, bobs) = await TwoDeliveredVideosAsync();
        var alicesResult = ResultMessageOf(alices);

        var refused = await SendAsync(Click("sb:delete:" + alices.Id, Bob, alicesResult));
        Assert.Equal(64, (int?)refused["data"]!["flags"]);
        Assert.True(Discord.Messages.ContainsKey(alicesResult));

        var deleted = await SendAsync(Click("sb:delete:" + alices.Id, Alice, alicesResult));
        Assert.Equal("""{"type":6}""", deleted.ToJsonString());
        await WaitUntilAsync(() => !Discord.Messages.ContainsKey(alicesResult));

        // After the job's 15-minute token, the bot token deletes the bot's own message.
        Harness.Time.Advance(TimeSpan.FromMinutes(20));
        var bobsResult = ResultMessageOf(bobs);
        await SendAsync(Click("sb:delete:" + bobs.Id, Bob, bobsResult));
        await WaitUntilAsync(() => !Discord.Messages.ContainsKey(bobsResult));
        Assert.Contains(Discord.Requests, r => r.Method == "DELETE" && r.Path == $"/channels/{Channel}/messages/{bobsResult}");
    }

    [Fact]
    public async Task ContinueButton_VideoWithoutALastFrame_IsRefusedPrivately_NoForm()
    {
        var (alices, _) = await TwoDeliveredVideosAsync();

        var answer = await SendAsync(Click("sb:continue:" + alices.Id, Bob, ResultMessageOf(alices)));

        Assert.Equal(4, (int?)answer["type"]);
        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.Contains("did not return the last frame", answer.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContinueForm_ForAJobOfNoOneHere_IsRefusedPrivately_AndMakesNothing()
    {
        var jobs = Harness.Store.All.Count;

        var answer = await SendAsync(Discord.NewInteraction(5, new JsonObject
        {
            ["custom_id"] = "continue:nosuchjob",
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = 18,
                ["id"] = 1,
                ["component"] = new JsonObject { ["type"] = 4, ["id"] = 2, ["custom_id"] = "prompt", ["value"] = "the fox leaps" },
            }),
        }));

        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.Contains("no longer known to me", answer.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(jobs, Harness.Store.All.Count);
    }

    [Fact]
    public async Task RerollButton_WorksFromStoredState_SameSettingsNewSeed()
    {
        await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox"), Option("seed", 4, 7), Option("style", 3, "anime"))));
        var original = Assert.Single(Harness.Store.All);

        var answer = await SendAsync(Discord.NewInteraction(3, new JsonObject { ["custom_id"] = "sb:reroll:" + original.Id, ["component_type"] = 2 }, userId: Bob));

        Assert.Equal(5, (int?)answer["type"]);
        var again = Harness.Store.All.Single(j => j.Id != original.Id);
        Assert.Equal(original.Request with { Seed = again.Request.Seed }, again.Request);
        Assert.NotEqual(7, again.Request.Seed);
        Assert.Equal(Bob, again.UserId);
    }

    [Fact]
    public async Task FreshLinkButton_AnswersPrivatelyWithANewLink()
    {
        await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox"))));
        // Run the job to the end: submit, then poll once it is done; the link it got is then a minute old.
        await Harness.RunJobsAsync();
        Harness.Time.Advance(Harness.Provider.GenerationTime + TimeSpan.FromMinutes(5));
        await Harness.RunJobsAsync();
        var job = Harness.Store.All.Single();
        Assert.Equal(JobState.Succeeded, job.State);
        Harness.Time.Advance(TimeSpan.FromMinutes(1));

        var answer = await SendAsync(Discord.NewInteraction(3, new JsonObject { ["custom_id"] = "sb:fresh_link:" + job.Id, ["component_type"] = 2 }));

        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        var content = (string?)answer["data"]!["content"];
        Assert.Contains($"https://cdn.example.test/{job.ProviderJobId}.mp4", content, StringComparison.Ordinal);
        Assert.DoesNotContain(job.VideoUrl!.Query, content, StringComparison.Ordinal);
    }
}
