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
    public void Render_Buttons_CarryOnlyTheJobIdInTheirValue_AndParseBack()
    {
        var message = new ChatMessage
        {
            Text = "done",
            Actions = [new ChatAction(ChatAction.Reroll, "Re-roll", "job1"), new ChatAction(ChatAction.Delete, "Delete", "job1")],
        };

        var blocks = SlackMessages.Render(message, "job1", videoAttached: true).Blocks!;
        var actions = blocks.Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray();

        Assert.Equal(["sb_reroll", "sb_delete"], actions.Select(a => (string?)a!["action_id"]));
        Assert.All(actions, a => Assert.Equal("job1", (string?)a!["value"]));
        Assert.NotNull(actions[1]!["confirm"]);
        Assert.Equal(("reroll", "job1"), SlackMessages.ParseAction(new InteractiveAction("sb_reroll", "job1"))!.Value);
        // Older cards carried a file id after the job id: it is ignored, never trusted.
        Assert.Equal(("delete", "job1"), SlackMessages.ParseAction(new InteractiveAction("sb_delete", "job1|F123"))!.Value);
        Assert.Null(SlackMessages.ParseAction(new InteractiveAction("other", "job1")));
        Assert.Null(SlackMessages.ParseAction(new InteractiveAction("sb_delete", "|F123")));
    }

    [Fact]
    public void RenderAll_TwentyLongFieldsAndLongText_SplitsIntoMessagesWithinTheLimits_SayingWhichPartEachIs()
    {
        var message = new ChatMessage
        {
            Text = string.Join(' ', Enumerable.Repeat("word & <more>", 700)),
            Ephemeral = true,
            Fields = [.. Enumerable.Range(0, 20).Select(i => new ChatField("F" + i, new string('y', 900)))],
        };

        var messages = SlackMessages.RenderAll(message);

        Assert.InRange(messages.Count, 2, 5);
        Assert.All(messages, AssertWithinLimits);
        Assert.All(messages, m => Assert.InRange(Texts(m.Blocks!).Sum(s => s.Length), 0, 12_000));
        var shown = string.Concat(messages.SelectMany(m => Texts(m.Blocks!)));
        Assert.Equal(20 * 900, shown.Count(c => c == 'y'));
        Assert.Equal(700, System.Text.RegularExpressions.Regex.Count(shown, "word &amp; &lt;more&gt;"));
        Assert.All(Enumerable.Range(0, messages.Count), i => Assert.Contains($"Part {i + 1} of {messages.Count}", string.Join('\n', Strings(messages[i].Blocks!)), StringComparison.Ordinal));
        Assert.All(messages, m => Assert.Equal("ephemeral", m.ResponseType));
    }

    [Fact]
    public void RenderAll_MoreThanFiveMessagesWorth_SaysHowManyAreLeftOut()
    {
        var message = new ChatMessage { Text = "many", Fields = [.. Enumerable.Range(0, 2000).Select(i => new ChatField("F" + i, new string('y', 100)))] };

        var messages = SlackMessages.RenderAll(message);

        Assert.Equal(5, messages.Count);
        Assert.All(messages, AssertWithinLimits);
        var shownFields = messages.SelectMany(m => m.Blocks!).Sum(b => b!["fields"]?.AsArray().Count ?? 0);
        Assert.Contains($"…and {2000 - shownFields} more not shown", string.Join('\n', Strings(messages[^1].Blocks!)), StringComparison.Ordinal);
    }

    [Fact]
    public void Split_NeverCutsMarkupEntitiesOrSurrogatePairs_AndKeepsEveryCharacter()
    {
        var text = string.Concat(Enumerable.Repeat("ab&amp;<https://x.example/a|link> 😀", 400));

        var pieces = SlackMessages.Split(text, 100).ToList();

        Assert.All(pieces, p => Assert.InRange(p.Length, 1, 100));
        Assert.All(pieces, p => Assert.Equal(p.Count(c => c == '<'), p.Count(c => c == '>')));
        Assert.All(pieces, p => Assert.Equal(System.Text.RegularExpressions.Regex.Count(p, "&"), System.Text.RegularExpressions.Regex.Count(p, "&amp;")));
        Assert.All(pieces, p => Assert.False(char.IsHighSurrogate(p[^1])));
        Assert.Equal(text.Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(pieces).Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_VideoLink_CannotBreakOutOfItsMarkup()
    {
        var message = new ChatMessage { Text = "ready", VideoUrl = new Uri("https://cdn.example/v.mp4?sig=a|b>c&x=1") };

        var text = SlackMessages.Render(message).Text;

        Assert.Contains("<https://cdn.example/v.mp4?sig=a%7Cb%3Ec&x=1|Open the video>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongTextAndFourteenLongFields_KeepsEverything_WithinBlockKitLimits()
    {
        var message = new ChatMessage
        {
            Text = new string('x', 5000),
            Fields = [.. Enumerable.Range(0, 14).Select(i => new ChatField("F" + i, new string('y', 400)))],
        };

        var rendered = SlackMessages.Render(message, "job1");
        var blocks = rendered.Blocks!;

        AssertWithinLimits(rendered);
        var shown = string.Concat(Texts(blocks));
        Assert.Equal(5000, shown.Count(c => c == 'x'));
        Assert.Equal(14 * 400, shown.Count(c => c == 'y'));
        Assert.All(Enumerable.Range(0, 14), i => Assert.Contains("*F" + i + "*", shown, StringComparison.Ordinal));
        Assert.Equal("context", (string?)blocks[^1]!["type"]);
    }

    [Fact]
    public void Render_TwelveStyles_ShowsEveryOne_InSectionsOfAtMostTenFields()
    {
        var styles = Enumerable.Range(1, 12).Select(i => new ChatField("style" + i, "Style number " + i, Inline: false)).ToList();
        var message = new ChatMessage { Text = "12 styles. Use one with --style <id>", Ephemeral = true, Fields = styles };

        var rendered = SlackMessages.Render(message);

        AssertWithinLimits(rendered);
        var shown = string.Join('\n', Strings(rendered.Blocks!));
        Assert.All(styles, s => Assert.Contains($"*{s.Label}*\nStyle number", shown, StringComparison.Ordinal));
        Assert.Contains("12 styles", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StoryboardResultWithEveryOption_KeepsAllElevenFields_TookIncluded()
    {
        var now = DateTimeOffset.Parse("2026-03-15T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var job = new SeedanceBot.Core.Jobs.BotJob
        {
            Id = "k7m2qx9p",
            Origin = new ChatOrigin("slack", "T0001", "C0CHAN"),
            UserId = "U0ALICE",
            UserName = "alice",
            Request = new SeedanceBot.Core.Video.VideoRequest
            {
                Scenes = [new SeedanceBot.Core.Video.VideoScene("a harbour at dawn", 4), new SeedanceBot.Core.Video.VideoScene("a gull taking off", 3)],
                DurationSeconds = 7,
                Style = "cinematic",
                Seed = 42,
                Camera = new SeedanceBot.Core.Video.CameraMotion(SeedanceBot.Core.Video.ZoomDirection.In, SeedanceBot.Core.Video.PanDirection.Left),
                Motion = SeedanceBot.Core.Video.MotionLevel.High,
            },
            Seconds = 7,
            CreatedAt = now.AddMinutes(-2),
            FinishedAt = now,
            State = SeedanceBot.Core.Jobs.JobState.Succeeded,
            VideoUrl = new Uri("https://cdn.example/v.mp4"),
        };
        var result = SeedanceBot.Core.Jobs.JobMessages.Result(job, now);
        Assert.Equal(11, result.Fields.Count);

        var rendered = SlackMessages.Render(result with { MentionUserId = null }, job.Id, videoAttached: true);

        AssertWithinLimits(rendered);
        var fields = rendered.Blocks!.Where(b => b!["fields"] is not null).SelectMany(b => b!["fields"]!.AsArray()).Select(f => (string)f!["text"]!).ToList();
        Assert.Equal(result.Fields.Select(f => "*" + f.Label + "*"), fields.Select(f => f[..f.IndexOf('\n', StringComparison.Ordinal)]));
        Assert.Contains(fields, f => f.StartsWith("*Took*\n2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("UH051,<!channel>")]
    [InlineData("UH055><!here")]
    [InlineData("U0ALICE|x")]
    [InlineData("")]
    public void Render_MentionThatIsNotAUserId_IsNotWrittenAsMarkup(string mention)
    {
        var rendered = SlackMessages.Render(new ChatMessage { Text = "Your video is ready.", MentionUserId = mention });

        var everything = string.Join('\n', Strings(System.Text.Json.JsonSerializer.SerializeToNode(rendered, SlackJson.Options)!));
        Assert.DoesNotContain("<!", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("<@", everything, StringComparison.Ordinal);
        Assert.StartsWith("Your video is ready.", rendered.Text, StringComparison.Ordinal);
    }

    /// <summary>The documented Block Kit limits for a message (see SlackLimits).</summary>
    private static void AssertWithinLimits(SlackMessage rendered)
    {
        var blocks = rendered.Blocks!;
        Assert.InRange(blocks.Count, 1, 50);
        Assert.True(rendered.Text.Length <= 40_000);
        foreach (var block in blocks)
        {
            switch ((string?)block!["type"])
            {
                case "section":
                    Assert.True(block["text"] is not null || block["fields"] is not null);
                    Assert.True(((string?)block["text"]?["text"] ?? string.Empty).Length <= 3000);
                    var fields = block["fields"]?.AsArray() ?? [];
                    Assert.InRange(fields.Count, 0, 10);
                    Assert.All(fields, f => Assert.InRange(((string)f!["text"]!).Length, 1, 2000));
                    break;
                case "context":
                    Assert.InRange(block["elements"]!.AsArray().Count, 1, 10);
                    break;
                case "actions":
                    Assert.InRange(block["elements"]!.AsArray().Count, 1, 25);
                    Assert.All(block["elements"]!.AsArray(), e =>
                    {
                        Assert.InRange(((string)e!["text"]!["text"]!).Length, 1, 75);
                        Assert.InRange(((string)e["value"]!).Length, 1, 2000);
                        Assert.InRange(((string)e["action_id"]!).Length, 1, 255);
                    });
                    break;
                default:
                    Assert.Fail("unexpected block " + block.ToJsonString());
                    break;
            }

            Assert.True(((string?)block["block_id"] ?? string.Empty).Length <= 255);
        }
    }

    /// <summary>The text Slack shows: every <c>text</c> string in the blocks.</summary>
    private static IEnumerable<string> Texts(System.Text.Json.Nodes.JsonNode node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => o.SelectMany(p => p.Key == "text" && p.Value is System.Text.Json.Nodes.JsonValue v ? [v.GetValue<string>()] : p.Value is null ? [] : Texts(p.Value)),
        System.Text.Json.Nodes.JsonArray a => a.SelectMany(n => n is null ? [] : Texts(n)),
        _ => [],
    };

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
