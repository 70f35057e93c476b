using System.Text.Json;
using System.Text.Json.Nodes;
using SeedanceBot.Core.Video;
using SeedanceBot.Slack.Contracts;
using SeedanceBot.Slack.Events;

namespace SeedanceBot.Slack.Tests.Events;

/// <summary>The /video form: within a view's limits, every style reachable, and any submitted shape read without failing.</summary>
public sealed class VideoModalTests
{
    private static readonly VideoModalMetadata Metadata = new("C0CHAN", new Uri("https://hooks.slack.test/commands/T0001/1/x"), DateTimeOffset.UnixEpoch);

    private static JsonObject StyleElement(JsonObject view) =>
        view["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == "style")!.AsObject();

    [Fact]
    public void Build_AFewStyles_OffersThemAsAMenu()
    {
        var view = VideoModal.Build(Metadata, [new VideoStyle("anime", "Anime", null), new VideoStyle("cinematic", "Cinematic", null)]);

        var style = StyleElement(view);
        Assert.Equal("static_select", (string?)style["element"]!["type"]);
        Assert.Equal(["anime", "cinematic"], style["element"]!["options"]!.AsArray().Select(o => (string?)o!["value"]));
    }

    [Fact]
    public void Build_MoreStylesThanAMenuHolds_OffersATextBoxSayingHowManyAndWhere()
    {
        var styles = Enumerable.Range(1, 120).Select(i => new VideoStyle("style" + i, "Style " + i, null)).ToList();

        var view = VideoModal.Build(Metadata, styles);

        var style = StyleElement(view);
        Assert.Equal("plain_text_input", (string?)style["element"]!["type"]);
        Assert.Contains("120 styles", (string?)style["hint"]!["text"], StringComparison.Ordinal);
        Assert.Contains("/styles", (string?)style["hint"]!["text"], StringComparison.Ordinal);
        Assert.InRange(view["blocks"]!.AsArray().Count, 1, 100);
        Assert.InRange(((string?)view["title"]!["text"])!.Length, 1, 24);
        Assert.InRange(((string?)view["private_metadata"])!.Length, 1, 3000);
    }

    [Theory]
    [InlineData("""{"style":{"value":{"type":"static_select","selected_option":{}}}}""")]
    [InlineData("""{"style":{"value":{"type":"static_select","selected_option":null}}}""")]
    [InlineData("""{"camera":{"value":{"type":"multi_static_select","selected_options":[1,{"value":5},null,{"value":"zoom-in"}]}}}""")]
    [InlineData("""{"prompt":{"value":"just a string"}}""")]
    [InlineData("""{"prompt":{"value":{"type":"plain_text_input","value":7}}}""")]
    [InlineData("""{"prompt":[]}""")]
    public void ReadOptions_ShapesSlackNeverSends_AreReadWithoutThrowing(string values)
    {
        var state = new SlackViewState(JsonDocument.Parse(values).RootElement);

        var options = VideoModal.ReadOptions(state);

        Assert.Equal("prompt", options[0].Key);
    }
}
