namespace SeedanceBot.Discord.Tests.Interactions;

/// <summary>Autocomplete end to end through the signed HTTP endpoint: styles, and the caller's own recent jobs.</summary>
public sealed class AutocompleteSuggestionsTests : SignedInteractionTests
{
    [Fact]
    public async Task Autocomplete_Style_SuggestsMatchingStyles()
    {
        var answer = await SendAsync(Discord.NewInteraction(4, Command("video", Option("prompt", 3, "x"), Option("style", 3, "ani", focused: true))));

        Assert.Equal("""{"type":8,"data":{"choices":[{"name":"Anime (anime)","value":"anime"}]}}""", answer.ToJsonString());
    }

    [Fact]
    public async Task Autocomplete_Job_SuggestsTheCallersRecentJobsOnly()
    {
        await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "alice's fox"))));
        await SendAsync(Discord.NewInteraction(2, Command("video", Option("prompt", 3, "bob's cat")), userId: Bob));

        var answer = await SendAsync(Discord.NewInteraction(4, Command("status", Option("job", 3, string.Empty, focused: true))));

        var choice = Assert.Single(answer["data"]!["choices"]!.AsArray());
        var alicesJob = Harness.Store.All.Single(j => j.UserId == Alice);
        Assert.Equal(alicesJob.Id, (string?)choice!["value"]);
        Assert.Contains("alice's fox", (string?)choice["name"], StringComparison.Ordinal);
    }
}
