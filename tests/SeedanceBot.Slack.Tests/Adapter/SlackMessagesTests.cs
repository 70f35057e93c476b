using SeedanceBot.Core.Chat;
using SeedanceBot.Slack.Adapter;
using SeedanceBot.Slack.Contracts;

namespace SeedanceBot.Slack.Tests.Adapter;

/// <summary>Echoed user text can never form a mention, a broadcast or a link; only the requester is ever mentioned.</summary>
public sealed class SlackMessagesTests
{
    [Theory]
    [InlineData("<!channel> look", "&lt;!channel&gt; look")]
    [InlineData("<!here|here> and <!everyone>", "&lt;!here|here&gt; and &lt;!everyone&gt;")]
    [InlineData("<@U0ADMIN> <#C0GENERAL|general> <https://evil.example|click>", "&lt;@U0ADMIN&gt; &lt;#C0GENERAL|general&gt; &lt;https://evil.example|click&gt;")]
    [InlineData("cats & dogs > birds", "cats &amp; dogs &gt; birds")]
    [InlineData("@here @Channel @everyone", "@\u200Bhere @\u200BChannel @\u200Beveryone")]
    [InlineData("mail me at a@b.com", "mail me at a@b.com")]
    public void Escape_BreaksEveryMarkupUserTextCouldForm(string text, string expected)
    {
        Assert.Equal(expected, SlackMessages.Escape(text));
    }

    [Fact]
    public void Render_MentionsOnlyTheRequester_AndEscapesEverythingEchoed()
    {
        var message = new ChatMessage
        {
            Text = "Your video is ready.",
            MentionUserId = "U0ALICE",
            Fields = [new ChatField("Prompt", "<!channel> a fox <@U0BOB>", Inline: false)],
        };

        var rendered = SlackMessages.Render(message, "job1");
        var strings = Strings(System.Text.Json.JsonSerializer.SerializeToNode(rendered, SlackJson.Options)!).ToList();

        Assert.StartsWith("<@U0ALICE> ", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(strings, s => s.Contains("<!", StringComparison.Ordinal));
        Assert.DoesNotContain(strings, s => s.Contains("<@U0BOB>", StringComparison.Ordinal));
        Assert.Equal(2, strings.Count(s => s.Contains("<@U0ALICE>", StringComparison.Ordinal))); // the text and its section
        Assert.Equal("none", rendered.Parse);
    }

    [Fact]
    public void Render_Buttons_CarryTheJobAndFileInTheirValue_AndParseBack()
    {
        var message = new ChatMessage
        {
            Text = "done",
            Actions = [new ChatAction(ChatAction.Reroll, "Re-roll", "job1"), new ChatAction(ChatAction.Delete, "Delete", "job1")],
        };

        var blocks = SlackMessages.Render(message, "job1", fileId: "F123").Blocks!;
        var actions = blocks.Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray();

        Assert.Equal(["sb_reroll", "sb_delete"], actions.Select(a => (string?)a!["action_id"]));
        Assert.All(actions, a => Assert.Equal("job1|F123", (string?)a!["value"]));
        Assert.NotNull(actions[1]!["confirm"]);
        Assert.Equal(("delete", "job1", "F123"), SlackMessages.ParseAction(new InteractiveAction("sb_delete", "job1|F123"))!.Value);
        Assert.Equal(("reroll", "job1", (string?)null), SlackMessages.ParseAction(new InteractiveAction("sb_reroll", "job1"))!.Value);
        Assert.Null(SlackMessages.ParseAction(new InteractiveAction("other", "job1")));
    }

    [Fact]
    public void Render_VideoLink_CannotBreakOutOfItsMarkup()
    {
        var message = new ChatMessage { Text = "ready", VideoUrl = new Uri("https://cdn.example/v.mp4?sig=a|b>c&x=1") };

        var text = SlackMessages.Render(message).Text;

        Assert.Contains("<https://cdn.example/v.mp4?sig=a%7Cb%3Ec&x=1|Open the video>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RespectsBlockKitLimits()
    {
        var message = new ChatMessage
        {
            Text = new string('x', 5000),
            Fields = [.. Enumerable.Range(0, 14).Select(i => new ChatField("F" + i, new string('y', 2500)))],
        };

        var blocks = SlackMessages.Render(message, "job1").Blocks!;
        var section = (string)blocks[0]!["text"]!["text"]!;
        var fields = blocks[1]!["fields"]!.AsArray();

        Assert.True(section.Length <= 3000);
        Assert.Equal(10, fields.Count);
        Assert.All(fields, f => Assert.True(((string)f!["text"]!).Length <= 2000));
        Assert.True(blocks.Count <= 50);
        Assert.Equal("context", (string?)blocks[^1]!["type"]);
    }

    private static IEnumerable<string> Strings(System.Text.Json.Nodes.JsonNode node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => o.SelectMany(p => p.Value is null ? [] : Strings(p.Value)),
        System.Text.Json.Nodes.JsonArray a => a.SelectMany(n => n is null ? [] : Strings(n)),
        _ => node.GetValueKind() == System.Text.Json.JsonValueKind.String ? [node.GetValue<string>()] : [],
    };

    [Fact]
    public void Render_LongErrorText_WithItsIcon_StaysWithinTheSectionLimit()
    {
        var blocks = SlackMessages.Render(ChatMessage.Error(new string('x', 5000))).Blocks!;

        var section = (string)blocks[0]!["text"]!["text"]!;
        Assert.StartsWith(":warning: ", section, StringComparison.Ordinal);
        Assert.Equal(3000, section.Length);
    }
}
