using SeedanceBot.Core.Video;

namespace SeedanceBot.ModelArk.Tests;

/// <summary>/styles for ModelArk is a local catalogue (Ark has none): built-in presets, or the configured ones.</summary>
public sealed class StyleCatalogueTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetStylesAsync_NothingConfigured_GivesTheEightBuiltInPresets_WithoutCallingArk()
    {
        await using var harness = await ArkHarness.StartAsync();

        var styles = await harness.Provider.GetStylesAsync(Token);

        Assert.Equal(["cinematic", "anime", "watercolor", "documentary", "3d-animation", "noir", "vintage", "claymation"], styles.Select(s => s.Id));
        Assert.Equal(new VideoStyle("noir", "Film noir", "black and white film noir, high contrast, hard shadows"), styles[5]);
        Assert.Empty(harness.Ark.Requests);
    }

    [Fact]
    public async Task GetStylesAsync_Configured_ReplacesTheBuiltIns_AndTheirPromptIsUsed()
    {
        await using var harness = await ArkHarness.StartAsync(new()
        {
            ["ModelArk:Styles:0:Id"] = "neon",
            ["ModelArk:Styles:0:Name"] = "Neon nights",
            ["ModelArk:Styles:0:Prompt"] = "neon-lit city at night, rain reflections.",
            ["ModelArk:Styles:1:Id"] = "sketch",
            ["ModelArk:Styles:1:Prompt"] = "pencil sketch",
        });

        var styles = await harness.Provider.GetStylesAsync(Token);
        await harness.Provider.SubmitAsync(new VideoRequest { Prompt = "A taxi waits.", Style = "NEON", Seed = 1 }, "job-1", Token);

        Assert.Equal([new VideoStyle("neon", "Neon nights", "neon-lit city at night, rain reflections."), new VideoStyle("sketch", "sketch", "pencil sketch")], styles);
        var create = Assert.Single(harness.Ark.Requests);
        Assert.Equal("""[{"type":"text","text":"A taxi waits. Style: neon-lit city at night, rain reflections."}]""", create.Json!["content"]!.ToJsonString());
    }

    [Fact]
    public async Task GetBalanceAsync_IsNull_WithoutCallingArk()
    {
        await using var harness = await ArkHarness.StartAsync();

        Assert.Null(await harness.Provider.GetBalanceAsync(Token));
        Assert.Empty(harness.Ark.Requests);
    }
}
