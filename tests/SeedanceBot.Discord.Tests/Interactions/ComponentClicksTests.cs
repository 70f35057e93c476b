using System.Text.Json.Nodes;
using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Discord.Tests.Interactions;

/// <summary>The delete button acts only on the job's own result message, whatever message a click claims to come from.</summary>
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
}
