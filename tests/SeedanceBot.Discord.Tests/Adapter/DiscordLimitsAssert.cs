using System.Text.Json.Nodes;

namespace SeedanceBot.Discord.Tests.Adapter;

/// <summary>Discord's documented message limits, checked on a message body as the bot sent it.</summary>
internal static class DiscordLimitsAssert
{
    public static void WithinLimits(JsonNode? message)
    {
        Assert.NotNull(message);
        var content = (string?)message["content"] ?? string.Empty;
        Assert.True(content.Length <= 2000, $"content of {content.Length} characters");
        var embeds = message["embeds"]?.AsArray() ?? [];
        Assert.True(embeds.Count <= 10, $"{embeds.Count} embeds");
        var total = 0;
        foreach (var embed in embeds)
        {
            var title = (string?)embed!["title"] ?? string.Empty;
            var description = (string?)embed["description"] ?? string.Empty;
            var footer = (string?)embed["footer"]?["text"] ?? string.Empty;
            Assert.True(title.Length <= 256, $"title of {title.Length}");
            Assert.True(description.Length <= 4096, $"description of {description.Length}");
            var fields = embed["fields"]?.AsArray() ?? [];
            Assert.True(fields.Count <= 25, $"{fields.Count} fields");
            total += title.Length + description.Length + footer.Length;
            foreach (var field in fields)
            {
                var name = (string)field!["name"]!;
                var value = (string)field["value"]!;
                Assert.InRange(name.Length, 1, 256);
                Assert.InRange(value.Length, 1, 1024);
                total += name.Length + value.Length;
            }
        }

        Assert.True(total <= 6000, $"embeds of {total} characters in all");
        var rows = message["components"]?.AsArray() ?? [];
        Assert.True(rows.Count <= 5, $"{rows.Count} action rows");
        foreach (var row in rows)
        {
            var buttons = row!["components"]!.AsArray();
            Assert.True(buttons.Count <= 5, $"{buttons.Count} buttons in a row");
            Assert.All(buttons, b =>
            {
                Assert.True(((string?)b!["custom_id"])?.Length is null or <= 100);
                Assert.True(((string?)b["label"])?.Length is null or <= 80);
            });
        }
    }
}
