using System.Text.Json;
using System.Text.Json.Nodes;
using SeedanceBot.Core.Chat;
using SeedanceBot.Discord.Adapter;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Tests.Adapter;

/// <summary>The renderer never breaks a Discord limit and never drops what Core says: it splits instead.</summary>
public sealed class DiscordMessagesTests
{
    private static JsonNode Json(MessagePayload payload) => JsonSerializer.SerializeToNode(payload, DiscordJson.Options)!;

    private static string AllText(IEnumerable<MessagePayload> parts) => string.Concat(parts.Select(p =>
        p.Content + string.Concat((p.Embeds ?? []).SelectMany(e => e.Fields ?? []).Select(f => f.Name + f.Value))));

    [Fact]
    public void Render_TextOverTheContentLimit_IsSplitIntoNumberedParts_WithNothingLost()
    {
        var text = string.Join(' ', Enumerable.Range(0, 900).Select(i => "word" + i));

        var parts = DiscordMessages.Render(new ChatMessage { Text = text, MentionUserId = "1100000000000000111" });

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => DiscordLimitsAssert.WithinLimits(Json(p)));
        Assert.StartsWith("<@1100000000000000111> word0", parts[0].Content, StringComparison.Ordinal);
        Assert.EndsWith($"(part {parts.Count} of {parts.Count})", parts[^1].Content, StringComparison.Ordinal);
        var words = parts.SelectMany(p => p.Content!.Split([' ', '\n'])).Where(w => w.StartsWith("word", StringComparison.Ordinal)).ToList();
        Assert.Equal([.. Enumerable.Range(0, 900).Select(i => "word" + i)], words);
        Assert.Equal(["1100000000000000111"], parts[0].AllowedMentions.Users);
        Assert.All(parts.Skip(1), p => Assert.Null(p.AllowedMentions.Users));
    }

    [Fact]
    public void Render_ManyLongFields_FillEmbedsWithinTheLimits_AndLongValuesContinue()
    {
        var fields = Enumerable.Range(0, 60).Select(i => new ChatField("style" + i, $"Style {i}: " + new string('x', i == 7 ? 2500 : 300), Inline: false)).ToList();

        var parts = DiscordMessages.Render(new ChatMessage { Text = "60 styles", Ephemeral = true, Fields = fields }, jobId: "k7m2qx9p");

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => DiscordLimitsAssert.WithinLimits(Json(p)));
        Assert.All(parts, p => Assert.Equal(64, p.Flags));
        var names = parts.SelectMany(p => p.Embeds ?? []).SelectMany(e => e.Fields ?? []).Select(f => f.Name).ToList();
        Assert.All(Enumerable.Range(0, 60), i => Assert.Contains("style" + i, names));
        Assert.Contains("style7 (continued)", names);
        Assert.Equal(2500 + 300 * 59, AllText(parts).Count(c => c == 'x'));
        Assert.Equal("SeedanceBot · job k7m2qx9p", parts[0].Embeds![0].Footer?.Text);
    }

    [Fact]
    public void Render_EscapedTextSplitAtTheLimit_NeverSeparatesAnEscapeFromItsCharacter()
    {
        var parts = DiscordMessages.Render(new ChatMessage { Text = new string('*', 1500) });

        Assert.All(parts, p => DiscordLimitsAssert.WithinLimits(Json(p)));
        Assert.All(parts, p =>
        {
            var unpaired = p.Content!.Replace(@"\*", string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain('*', unpaired);
            Assert.DoesNotContain('\\', unpaired);
        });
        Assert.Equal(1500, AllText(parts).Count(c => c == '*'));
    }

    [Fact]
    public void Render_LongButtonLabel_IsShortened_AndButtonsGoFivePerRow()
    {
        var actions = Enumerable.Range(0, 7).Select(i => new ChatAction(ChatAction.Reroll, new string('L', 100), "job" + i)).ToList();

        var part = Assert.Single(DiscordMessages.Render(new ChatMessage { Text = "x", Actions = actions }));

        DiscordLimitsAssert.WithinLimits(Json(part));
        Assert.Equal([5, 2], part.Components!.Select(r => r.Components!.Count));
    }
}
