using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static SeedanceBot.Testing.Conformance.JsonRead;

namespace SeedanceBot.Testing.Conformance;

/// <summary>
/// The limits Discord's developer docs state and its OpenAPI spec leaves out (or states differently; the docs win):
/// messages (Create Message, Embed Limits), components (Component Reference: action rows, buttons, custom_id), modals,
/// autocomplete results and application commands (Application Commands: naming, options, choices, combined length).
/// Each rule names its source in its message.
/// </summary>
internal static partial class DiscordLimits
{
    private const long ComponentsV2 = 1 << 15;
    private static readonly HashSet<long> SelectTypes = [3, 5, 6, 7, 8];

    public static IEnumerable<(string Pointer, string Rule)> ForRoute(string route, JsonNode body) => route switch
    {
        "PUT /applications/{application_id}/commands" or "PUT /applications/{application_id}/guilds/{guild_id}/commands" when body is JsonArray commands => Commands(commands),
        "POST /interactions/{interaction_id}/{interaction_token}/callback" when body is JsonObject callback => Callback(callback),
        "POST /channels/{channel_id}/messages" or "PATCH /channels/{channel_id}/messages/{message_id}" or "POST /webhooks/{webhook_id}/{webhook_token}"
            or "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original" or "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"
            when body is JsonObject message => Message(message, string.Empty),
        "POST /users/@me/channels" when body is JsonObject dm && Text(dm["recipient_id"]) is null && Integer(dm["recipient_id"]) is null =>
            [(string.Empty, "recipient_id is required to open a DM (docs: Create DM)")],
        _ => [],
    };

    public static IEnumerable<(string Pointer, string Rule)> Callback(JsonObject callback)
    {
        var data = callback["data"] as JsonObject;
        return Integer(callback["type"]) switch
        {
            4 or 5 or 7 when data is not null => Message(data, "/data"),
            8 when data is not null => Autocomplete(data, "/data"),
            9 when data is not null => Modal(data, "/data"),
            _ => [],
        };
    }

    public static IEnumerable<(string Pointer, string Rule)> Message(JsonObject message, string at)
    {
        var flags = Integer(message["flags"]) ?? 0;
        var v2 = (flags & ComponentsV2) != 0;
        if (Length(message["content"]) > 2000)
        {
            yield return (at + "/content", $"content is at most 2,000 characters, not {Length(message["content"])} (docs: Create Message)");
        }

        if (v2 && (Length(message["content"]) > 0 || Count(message["embeds"]) > 0))
        {
            yield return (at, "a message flagged IS_COMPONENTS_V2 cannot carry content or embeds (docs: Components v2)");
        }

        foreach (var rule in Embeds(message["embeds"], at + "/embeds"))
        {
            yield return rule;
        }

        foreach (var rule in MessageComponents(message["components"], at + "/components", v2))
        {
            yield return rule;
        }

        if (message["allowed_mentions"] is JsonObject mentions)
        {
            var parse = (mentions["parse"] as JsonArray ?? []).Select(Text).ToHashSet();
            foreach (var kind in new[] { "users", "roles" })
            {
                if (parse.Contains(kind) && Count(mentions[kind]) > 0)
                {
                    yield return (at + "/allowed_mentions", $"parse \"{kind}\" and a {kind} list are mutually exclusive (docs: Allowed Mentions)");
                }
            }
        }
    }

    private static IEnumerable<(string Pointer, string Rule)> Embeds(JsonNode? embeds, string at)
    {
        if (Count(embeds) > 10)
        {
            yield return (at, $"at most 10 embeds, not {Count(embeds)} (docs: Create Message)");
        }

        var total = 0;
        foreach (var (i, embed) in Objects(embeds))
        {
            var here = $"{at}/{i}";
            var title = Length(embed["title"]);
            var description = Length(embed["description"]);
            var footer = Length(embed["footer"]?["text"]);
            var author = Length(embed["author"]?["name"]);
            total += title + description + footer + author;
            foreach (var rule in Limit(here + "/title", title, 256, "an embed title").Concat(Limit(here + "/description", description, 4096, "an embed description"))
                .Concat(Limit(here + "/footer/text", footer, 2048, "an embed footer")).Concat(Limit(here + "/author/name", author, 256, "an embed author name")))
            {
                yield return rule;
            }

            if (Count(embed["fields"]) > 25)
            {
                yield return (here + "/fields", $"an embed has at most 25 fields, not {Count(embed["fields"])} (docs: Embed Limits)");
            }

            foreach (var (j, field) in Objects(embed["fields"]))
            {
                var name = Length(field["name"]);
                var value = Length(field["value"]);
                total += name + value;
                if (name == 0 || value == 0)
                {
                    yield return ($"{here}/fields/{j}", "an embed field needs a non-empty name and value (docs: Embed Field Structure)");
                }

                foreach (var rule in Limit($"{here}/fields/{j}/name", name, 256, "a field name").Concat(Limit($"{here}/fields/{j}/value", value, 1024, "a field value")))
                {
                    yield return rule;
                }
            }
        }

        if (total > 6000)
        {
            yield return (at, $"the embeds' titles, descriptions, field names and values, footers and author names add up to {total} characters; at most 6,000 (docs: Embed Limits)");
        }
    }

    private static IEnumerable<(string Pointer, string Rule)> Limit(string pointer, int length, int limit, string what) =>
        length > limit ? [(pointer, $"{what} is at most {limit.ToString(CultureInfo.InvariantCulture)} characters, not {length.ToString(CultureInfo.InvariantCulture)} (docs: Embed Limits)")] : [];

    private static IEnumerable<(string Pointer, string Rule)> MessageComponents(JsonNode? components, string at, bool v2)
    {
        if (components is not JsonArray top)
        {
            yield break;
        }

        if (!v2)
        {
            if (top.Count > 5)
            {
                yield return (at, $"a message has at most 5 action rows, not {top.Count} (docs: Action Row)");
            }

            foreach (var (i, row) in Objects(top))
            {
                if (Integer(row["type"]) != 1)
                {
                    yield return ($"{at}/{i}", "without the IS_COMPONENTS_V2 flag, a message's top-level components must be action rows (type 1) (docs: Components v2)");
                    continue;
                }

                var children = Objects(row["components"]).ToList();
                if (children.Count > 5)
                {
                    yield return ($"{at}/{i}/components", $"an action row holds at most 5 buttons, not {children.Count} (docs: Action Row)");
                }

                if (children.Count > 1 && children.Any(c => SelectTypes.Contains(Integer(c.Item["type"]) ?? 0)))
                {
                    yield return ($"{at}/{i}/components", "an action row holds one select menu and nothing else (docs: Action Row)");
                }
            }
        }
        else if (All(top).Count() > 40)
        {
            yield return (at, $"a message has at most 40 components in all, not {All(top).Count()} (docs: Components v2)");
        }

        foreach (var (pointer, component) in All(top, at))
        {
            if (Integer(component["type"]) == 2)
            {
                foreach (var rule in Button(component, pointer))
                {
                    yield return rule;
                }
            }
            else if (component["custom_id"] is { } id && Length(id) is < 1 or > 100)
            {
                yield return (pointer + "/custom_id", $"custom_id is 1 to 100 characters, not {Length(id)} (docs: Component Reference)");
            }
        }

        foreach (var rule in UniqueCustomIds(top, at))
        {
            yield return rule;
        }
    }

    private static IEnumerable<(string Pointer, string Rule)> Button(JsonObject button, string at)
    {
        var style = Integer(button["style"]);
        var hasId = button["custom_id"] is not null;
        if (Length(button["label"]) > 80)
        {
            yield return (at + "/label", $"a button label is at most 80 characters, not {Length(button["label"])} (docs: Button)");
        }

        if (style == 5)
        {
            if (button["url"] is null || hasId)
            {
                yield return (at, "a link button (style 5) has a url and no custom_id (docs: Button)");
            }
        }
        else if (style == 6)
        {
            if (button["sku_id"] is null || hasId || button["label"] is not null || button["url"] is not null)
            {
                yield return (at, "a premium button (style 6) has a sku_id and no custom_id, label or url (docs: Button)");
            }
        }
        else
        {
            if (!hasId || button["url"] is not null)
            {
                yield return (at, "a non-link button has a custom_id and no url (docs: Button)");
            }

            if (hasId && Length(button["custom_id"]) is < 1 or > 100)
            {
                yield return (at + "/custom_id", $"custom_id is 1 to 100 characters, not {Length(button["custom_id"])} (docs: Component Reference)");
            }

            if (Length(button["label"]) == 0 && button["emoji"] is null)
            {
                yield return (at, "a button needs a label or an emoji (docs: Button)");
            }
        }
    }

    public static IEnumerable<(string Pointer, string Rule)> Modal(JsonObject modal, string at)
    {
        var top = modal["components"] as JsonArray ?? [];
        if (top.Count is < 1 or > 5)
        {
            yield return (at + "/components", $"a modal has 1 to 5 components, not {top.Count} (docs: Modal)");
        }

        foreach (var (i, component) in Objects(top))
        {
            var here = $"{at}/components/{i}";
            if (Integer(component["type"]) == 1 && (Count(component["components"]) != 1 || Integer(component["components"]?[0]?["type"]) != 4))
            {
                yield return (here + "/components", "an action row in a modal holds exactly one text input (docs: Text Input)");
            }
        }

        foreach (var (pointer, input) in All(top, at + "/components").Where(c => Integer(c.Item["type"]) == 4))
        {
            var min = Integer(input["min_length"]);
            var max = Integer(input["max_length"]);
            if (min is { } low && max is { } high && low > high)
            {
                yield return (pointer, $"min_length {low} is above max_length {high} (docs: Text Input)");
            }

            if (max is { } most && Length(input["value"]) > most)
            {
                yield return (pointer + "/value", $"the prefilled value is longer than max_length {most} (docs: Text Input)");
            }
        }

        foreach (var rule in UniqueCustomIds(top, at + "/components"))
        {
            yield return rule;
        }
    }

    public static IEnumerable<(string Pointer, string Rule)> Autocomplete(JsonObject data, string at)
    {
        foreach (var (i, choice) in Objects(data["choices"]))
        {
            if (Length(choice["value"]) > 100)
            {
                yield return ($"{at}/choices/{i}/value", $"a choice's string value is at most 100 characters, not {Length(choice["value"])} (docs: Application Command Option Choice)");
            }
        }
    }

    public static IEnumerable<(string Pointer, string Rule)> Commands(JsonArray commands)
    {
        foreach (var group in Objects(commands).GroupBy(c => Integer(c.Item["type"]) ?? 1))
        {
            if (group.Key == 1 && group.Count() > 100)
            {
                yield return (string.Empty, $"at most 100 chat input commands, not {group.Count()} (docs: Registering a Command)");
            }

            foreach (var duplicate in group.GroupBy(c => Text(c.Item["name"]) ?? string.Empty, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                yield return ($"/{duplicate.Skip(1).First().Index}/name", $"two commands of type {group.Key} are named \"{duplicate.Key}\" (docs: Registering a Command)");
            }
        }

        foreach (var (i, command) in Objects(commands))
        {
            var here = $"/{i}";
            var type = Integer(command["type"]) ?? 1;
            foreach (var rule in Name(command["name"], here + "/name", lowercase: type == 1))
            {
                yield return rule;
            }

            var description = Length(command["description"]);
            if (type == 1 && description is < 1 or > 100)
            {
                yield return (here + "/description", $"a chat input command's description is 1 to 100 characters, not {description} (docs: Application Command Structure)");
            }
            else if (type != 1 && description > 0)
            {
                yield return (here + "/description", "user and message commands have an empty description (docs: Application Command Structure)");
            }

            foreach (var rule in Options(command["options"], here + "/options", level: 0))
            {
                yield return rule;
            }

            var combined = Length(command["name"]) + description + Combined(command["options"]);
            if (combined > 4000)
            {
                yield return (here, $"names, descriptions and choice values add up to {combined} characters; at most 4,000 per command (docs: Application Command Structure)");
            }
        }
    }

    private static IEnumerable<(string Pointer, string Rule)> Options(JsonNode? options, string at, int level)
    {
        var list = Objects(options).ToList();
        if (list.Count > 25)
        {
            yield return (at, $"at most 25 options, not {list.Count} (docs: Application Command Option Structure)");
        }

        var nested = list.Count(o => Integer(o.Item["type"]) is 1 or 2);
        if (nested > 0 && nested < list.Count)
        {
            yield return (at, "subcommands and groups cannot sit beside other options (docs: Subcommands and Subcommand Groups)");
        }

        foreach (var duplicate in list.GroupBy(o => Text(o.Item["name"]) ?? string.Empty, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return ($"{at}/{duplicate.Skip(1).First().Index}/name", $"two options are named \"{duplicate.Key}\" (docs: Application Command Option Structure)");
        }

        var optionalSeen = false;
        foreach (var (i, option) in list)
        {
            var here = $"{at}/{i}";
            var type = Integer(option["type"]) ?? 0;
            foreach (var rule in Name(option["name"], here + "/name", lowercase: true))
            {
                yield return rule;
            }

            if (Length(option["description"]) is < 1 or > 100)
            {
                yield return (here + "/description", $"an option's description is 1 to 100 characters, not {Length(option["description"])} (docs: Application Command Option Structure)");
            }

            if (type is 1 or 2)
            {
                if ((type == 2 && level != 0) || (type == 1 && level > 1))
                {
                    yield return (here, "subcommands nest at most as command > group > subcommand (docs: Subcommands and Subcommand Groups)");
                }

                if (type == 2 && Objects(option["options"]).Any(o => Integer(o.Item["type"]) != 1))
                {
                    yield return (here + "/options", "a subcommand group holds only subcommands (docs: Subcommands and Subcommand Groups)");
                }

                foreach (var rule in Options(option["options"], here + "/options", level + 1))
                {
                    yield return rule;
                }

                continue;
            }

            var required = Flag(option["required"]) == true;
            if (required && optionalSeen)
            {
                yield return (here + "/required", "required options come before optional ones (docs: Application Command Option Structure)");
            }

            optionalSeen |= !required;
            var choices = Objects(option["choices"]).ToList();
            if (choices.Count > 25)
            {
                yield return (here + "/choices", $"at most 25 choices, not {choices.Count} (docs: Application Command Option Structure)");
            }

            if (choices.Count > 0 && Flag(option["autocomplete"]) == true)
            {
                yield return (here + "/autocomplete", "autocomplete may not be set on an option with choices (docs: Application Command Option Structure)");
            }

            foreach (var (j, choice) in choices)
            {
                if (Length(choice["name"]) is < 1 or > 100)
                {
                    yield return ($"{here}/choices/{j}/name", $"a choice's name is 1 to 100 characters, not {Length(choice["name"])} (docs: Application Command Option Choice)");
                }

                if (Length(choice["value"]) > 100)
                {
                    yield return ($"{here}/choices/{j}/value", $"a choice's string value is at most 100 characters, not {Length(choice["value"])} (docs: Application Command Option Choice)");
                }
            }
        }
    }

    private static int Combined(JsonNode? options) =>
        Objects(options).Sum(o => Length(o.Item["name"]) + Length(o.Item["description"])
            + Objects(o.Item["choices"]).Sum(c => Length(c.Item["name"]) + Length(c.Item["value"]))
            + Combined(o.Item["options"]));

    private static IEnumerable<(string Pointer, string Rule)> Name(JsonNode? node, string at, bool lowercase)
    {
        var name = Text(node) ?? string.Empty;
        if (!CommandName().IsMatch(name))
        {
            yield return (at, $"\"{name}\" does not match ^[-_\\p{{L}}\\p{{N}}\\p{{sc=Deva}}\\p{{sc=Thai}}]{{1,32}}$ (docs: Application Command Naming)");
        }
        else if (lowercase && !name.Equals(name.ToLowerInvariant(), StringComparison.Ordinal))
        {
            yield return (at, $"\"{name}\" must be lowercase (docs: Application Command Naming)");
        }
    }

    /// <summary>Every component under <paramref name="components"/>: rows' children, labels' component, sections and containers.</summary>
    private static IEnumerable<(string Pointer, JsonObject Item)> All(JsonArray components, string at = "") =>
        Objects(components).SelectMany(c => Walk(c.Item, $"{at}/{c.Index}"));

    private static IEnumerable<(string Pointer, JsonObject Item)> Walk(JsonObject component, string at)
    {
        yield return (at, component);
        var inner = (component["components"] is JsonArray children ? All(children, at + "/components") : [])
            .Concat(component["component"] is JsonObject single ? Walk(single, at + "/component") : [])
            .Concat(component["accessory"] is JsonObject accessory ? Walk(accessory, at + "/accessory") : []);
        foreach (var child in inner)
        {
            yield return child;
        }
    }

    private static IEnumerable<(string Pointer, string Rule)> UniqueCustomIds(JsonArray components, string at) =>
        All(components, at)
            .Where(c => Text(c.Item["custom_id"]) is not null)
            .GroupBy(c => Text(c.Item["custom_id"])!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => (g.Skip(1).First().Pointer + "/custom_id", $"custom_id \"{g.Key}\" is used {g.Count()} times; each must be unique (docs: Component Reference)"));

    [GeneratedRegex(@"^[-_\p{L}\p{N}\u0900-\u097F\u0E00-\u0E7F]{1,32}$")]
    private static partial Regex CommandName();
}
