using System.Net;
using System.Text.Json.Nodes;
using SeedanceBot.Core.Chat;

namespace SeedanceBot.Discord.Tests.Interactions;

/// <summary>What the endpoint refuses before acting: malformed requests (400, never 5xx), odd ids, replays.</summary>
public sealed class InteractionIntakeTests : SignedInteractionTests
{
    public static TheoryData<string> MalformedBodies => new()
    {
        """{"application_id":"1300000000000000000","type":1,"token":"t","version":1}""",
        """{"id":null,"application_id":"1300000000000000000","type":1,"token":"t","version":1}""",
        """{"id":"","application_id":"1300000000000000000","type":1,"token":"t","version":1}""",
        """{"id":null,"application_id":"1300000000000000000","type":2,"token":"t","data":{"name":"video"}}""",
        """{"id":"1309000000000000001","application_id":"1300000000000000000","type":2,"version":1,"data":{"name":"help","type":1}}""",
        """{"id":"1309000000000000001","application_id":"1300000000000000000","type":2,"token":"../../x","data":{"name":"help","type":1}}""",
        """{"id":"1309000000000000001","type":2,"token":"t","data":{"name":"help","type":1}}""",
        """{"id":"42","application_id":"1300000000000000000","type":2,"token":"t","data":{"name":"help","type":1}}""",
        """{"id":"1309000000000000001","application_id":"1300000000000000000","type":"two","token":"t"}""",
        """{"id":1309000000000000001,"application_id":"1300000000000000000","type":2,"token":"t"}""",
        """{"id":"1309000000000000001","application_id":"1300000000000000000","type":2,"token":"t","data":"help"}""",
        """{"id":"1309000000000000001","application_id":"1300000000000000000","type":2,"token":"t","member":{"user":{"id":5}}}""",
        """[]""",
        """null""",
        """"just a string"""",
        """{"id":"1309000000000000001",""",
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task MalformedInteraction_Is400_NeverA5xx(string body)
    {
        using var response = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Harness.Store.All);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(0)]
    public async Task UnknownInteractionType_GetsAPrivateAnswer(int type)
    {
        var answer = await SendAsync(Discord.NewInteraction(type, Command("video", Option("prompt", 3, "a fox"))));

        Assert.Equal(4, (int?)answer["type"]);
        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.Empty(Harness.Store.All);
    }

    [Fact]
    public async Task CommandWithoutData_GetsAPrivateAnswer()
    {
        var interaction = Discord.NewInteraction(2, new JsonObject());
        interaction.Remove("data");

        var answer = await SendAsync(interaction);

        Assert.Equal(64, (int?)answer["data"]!["flags"]);
    }

    public static TheoryData<string> OddIds => new()
    {
        "empty guild id", "short guild id", "empty user id", "mention as user id", "no channel", "named channel", "role that is not an id", "no member in a guild",
    };

    [Theory]
    [MemberData(nameof(OddIds))]
    public async Task Video_WithMissingOrMalformedIds_IsRefusedPrivately_BeforeAnythingIsStored(string odd)
    {
        var interaction = Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox")));
        switch (odd)
        {
            case "empty guild id": interaction["guild_id"] = string.Empty; break;
            case "short guild id": interaction["guild_id"] = "12"; break;
            case "empty user id": interaction["member"]!["user"]!["id"] = string.Empty; break;
            case "mention as user id": interaction["member"]!["user"]!["id"] = "<@&1200000000000000444>"; break;
            case "no channel": interaction.Remove("channel_id"); break;
            case "named channel": interaction["channel_id"] = "general"; break;
            case "role that is not an id": interaction["member"]!["roles"] = new JsonArray("@everyone"); break;
            case "no member in a guild": interaction.Remove("member"); interaction["user"] = new JsonObject { ["id"] = Alice, ["username"] = "alice" }; break;
        }

        var answer = await SendAsync(interaction);

        Assert.Equal(4, (int?)answer["type"]);
        Assert.Equal(64, (int?)answer["data"]!["flags"]);
        Assert.Empty(Harness.Store.All);
    }

    [Fact]
    public async Task Video_InADirectMessage_UsesTheUsersOwnWorkspace()
    {
        await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox")), guildId: null));

        var job = Assert.Single(Harness.Store.All);
        Assert.Equal("dm-" + Alice, job.Origin.WorkspaceId);
        Assert.Equal(Alice, job.UserId);
    }

    [Fact]
    public async Task Video_TheSameSignedInteractionTwice_MakesOneJob_TheReplayIsAnsweredPrivately()
    {
        var interaction = Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox")));

        var first = await SendAsync(interaction);
        var replay = await SendAsync(interaction);

        Assert.Equal("""{"type":5}""", first.ToJsonString());
        Assert.Equal(4, (int?)replay["type"]);
        Assert.Equal(64, (int?)replay["data"]!["flags"]);
        Assert.Contains("already", (string?)replay["data"]!["content"], StringComparison.Ordinal);
        Assert.Single(Harness.Store.All);
    }

    [Fact]
    public async Task Video_IsRecordedWithItsJob_InTheReservationsWrite()
    {
        // A separate ledger write would wait here until the end of the test: /video's acknowledgement never waits for one.
        var ledgerOpen = new TaskCompletionSource();
        Harness.Store.LedgerStall = _ => ledgerOpen.Task;
        var interaction = Discord.NewInteraction(2, Command("video", Option("prompt", 3, "a fox")));
        JsonNode first, replay;
        try
        {
            first = await SendAsync(interaction);
            replay = await SendAsync(interaction);
        }
        finally
        {
            ledgerOpen.SetResult();
        }

        Assert.Equal(5, (int?)first["type"]);
        Assert.Contains("already", (string?)replay["data"]!["content"], StringComparison.Ordinal);
        Assert.Single(Harness.Store.All);

        // The id is the ledger's own entry: any other way in sees it as taken.
        Assert.False(await ((IInteractionLedger)Harness.Store).TryRecordAsync("discord", (string)interaction["id"]!, Harness.Time.GetUtcNow().AddHours(1), CancellationToken.None));
    }
}
