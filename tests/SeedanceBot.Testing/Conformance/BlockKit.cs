using System.Text.Json.Nodes;
using static SeedanceBot.Testing.Conformance.JsonRead;

namespace SeedanceBot.Testing.Conformance;

/// <summary>
/// Block Kit's documented limits (docs.slack.dev Block Kit reference and the JSDoc of Slack's npm package
/// <c>@slack/types</c>): blocks per surface, <c>block_id</c>s, each block kind's fields, elements, text objects of the
/// right type, and views (modals). Each rule names its source in its message.
/// </summary>
internal static class BlockKit
{
    public const int MessageBlocks = 50;
    public const int ViewBlocks = 100;

    private static readonly HashSet<string> InputElements =
    [
        "checkboxes", "datepicker", "datetimepicker", "email_text_input", "file_input", "multi_static_select", "multi_users_select",
        "multi_conversations_select", "multi_channels_select", "multi_external_select", "number_input", "plain_text_input", "radio_buttons",
        "rich_text_input", "static_select", "users_select", "conversations_select", "channels_select", "external_select", "timepicker", "url_text_input",
    ];

    private static readonly HashSet<string> ActionElements =
    [
        "button", "checkboxes", "datepicker", "datetimepicker", "multi_static_select", "multi_users_select", "multi_conversations_select",
        "multi_channels_select", "multi_external_select", "overflow", "radio_buttons", "static_select", "users_select", "conversations_select",
        "channels_select", "external_select", "timepicker", "workflow_button", "rich_text_input",
    ];

    private static readonly HashSet<string> AccessoryElements =
    [
        "button", "checkboxes", "datepicker", "image", "multi_static_select", "multi_users_select", "multi_conversations_select",
        "multi_channels_select", "multi_external_select", "overflow", "radio_buttons", "static_select", "users_select", "conversations_select",
        "channels_select", "external_select", "timepicker", "workflow_button",
    ];

    private static readonly HashSet<string> KnownBlocks =
    [
        "actions", "context", "context_actions", "divider", "file", "header", "image", "input", "markdown", "rich_text", "section", "table", "video",
    ];

    public static IEnumerable<(string Pointer, string Rule)> Blocks(JsonNode? node, string at, int max)
    {
        if (node is null)
        {
            yield break;
        }

        if (node is not JsonArray blocks)
        {
            yield return (at, "blocks is a JSON array of blocks (docs: Block Kit)");
            yield break;
        }

        if (blocks.Count > max)
        {
            yield return (at, $"at most {max} blocks, not {blocks.Count} (docs: Block Kit, blocks)");
        }

        var markdown = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++)
        {
            var here = $"{at}/{i}";
            if (blocks[i] is not JsonObject block)
            {
                yield return (here, "a block is a JSON object (docs: Block Kit, blocks)");
                continue;
            }

            if (block["block_id"] is { } id)
            {
                if (Length(id) is < 1 or > 255)
                {
                    yield return (here + "/block_id", $"block_id is 1 to 255 characters, not {Length(id)} (docs: Block Kit, blocks)");
                }

                if (Text(id) is { } text && !ids.Add(text))
                {
                    yield return (here + "/block_id", $"block_id \"{text}\" is used twice; block_ids are unique in a message or view (docs: Block Kit, blocks)");
                }
            }

            if (Text(block["type"]) == "markdown")
            {
                markdown += Length(block["text"]);
            }

            foreach (var rule in Block(block, here))
            {
                yield return rule;
            }
        }

        if (markdown > 12000)
        {
            yield return (at, $"markdown blocks hold at most 12,000 characters in all, not {markdown} (docs: Markdown block)");
        }
    }

    private static IEnumerable<(string Pointer, string Rule)> Block(JsonObject block, string at)
    {
        var type = Text(block["type"]);
        switch (type)
        {
            case "section":
                if (block["text"] is null && block["fields"] is null)
                {
                    yield return (at, "a section needs text or fields (docs: Section block)");
                }

                foreach (var rule in TextObject(block["text"], at + "/text", "a section's text", 3000, plainOnly: false, required: false))
                {
                    yield return rule;
                }

                if (block["fields"] is { } fields)
                {
                    if (fields is not JsonArray list || list.Count is < 1 or > 10)
                    {
                        yield return (at + "/fields", $"a section has 1 to 10 fields, not {Count(fields)} (docs: Section block)");
                    }

                    for (var i = 0; i < Count(fields); i++)
                    {
                        foreach (var rule in TextObject(fields[i], $"{at}/fields/{i}", "a section field", 2000, plainOnly: false, required: true))
                        {
                            yield return rule;
                        }
                    }
                }

                if (block["accessory"] is { } accessory)
                {
                    foreach (var rule in Element(accessory, at + "/accessory", AccessoryElements, "a section accessory"))
                    {
                        yield return rule;
                    }
                }

                break;
            case "header":
                foreach (var rule in TextObject(block["text"], at + "/text", "a header's text", 150, plainOnly: true, required: true))
                {
                    yield return rule;
                }

                break;
            case "context":
                if (Count(block["elements"]) is < 1 or > 10)
                {
                    yield return (at + "/elements", $"a context block has 1 to 10 elements, not {Count(block["elements"])} (docs: Context block)");
                }

                for (var i = 0; i < Count(block["elements"]); i++)
                {
                    var element = block["elements"]![i];
                    var rules = Text(element?["type"]) == "image"
                        ? Image(element as JsonObject, $"{at}/elements/{i}")
                        : TextObject(element, $"{at}/elements/{i}", "a context element", 3000, plainOnly: false, required: true);
                    foreach (var rule in rules)
                    {
                        yield return rule;
                    }
                }

                break;
            case "actions":
                if (Count(block["elements"]) is < 1 or > 25)
                {
                    yield return (at + "/elements", $"an actions block has 1 to 25 elements, not {Count(block["elements"])} (docs: Actions block)");
                }

                foreach (var rule in Elements(block["elements"], at + "/elements", ActionElements, "an actions element"))
                {
                    yield return rule;
                }

                break;
            case "input":
                foreach (var rule in TextObject(block["label"], at + "/label", "an input's label", 2000, plainOnly: true, required: true)
                    .Concat(TextObject(block["hint"], at + "/hint", "an input's hint", 2000, plainOnly: true, required: false)))
                {
                    yield return rule;
                }

                if (block["element"] is null)
                {
                    yield return (at + "/element", "an input block needs an element (docs: Input block)");
                }
                else
                {
                    foreach (var rule in Element(block["element"], at + "/element", InputElements, "an input element"))
                    {
                        yield return rule;
                    }
                }

                break;
            case "image":
                foreach (var rule in Image(block, at).Concat(TextObject(block["title"], at + "/title", "an image's title", 2000, plainOnly: true, required: false)))
                {
                    yield return rule;
                }

                break;
            case "markdown":
                if (Length(block["text"]) < 1)
                {
                    yield return (at + "/text", "a markdown block needs text (docs: Markdown block)");
                }

                break;
            case "video":
                if (Text(block["alt_text"]) is null || Text(block["video_url"]) is null || Text(block["thumbnail_url"]) is null)
                {
                    yield return (at, "a video block needs alt_text, title, thumbnail_url and video_url (docs: Video block)");
                }

                foreach (var rule in TextObject(block["title"], at + "/title", "a video's title", 199, plainOnly: true, required: true))
                {
                    yield return rule;
                }

                break;
            case not null when KnownBlocks.Contains(type):
                break;
            default:
                yield return (at + "/type", $"\"{type}\" is not a block type (docs: Block Kit, blocks)");
                break;
        }
    }

    private static IEnumerable<(string Pointer, string Rule)> Elements(JsonNode? elements, string at, HashSet<string> allowed, string what)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Count(elements); i++)
        {
            var element = elements![i];
            if (Text(element?["action_id"]) is { } id && !ids.Add(id))
            {
                yield return ($"{at}/{i}/action_id", $"action_id \"{id}\" is used twice in one block (docs: Block elements)");
            }

            foreach (var rule in Element(element, $"{at}/{i}", allowed, what))
            {
                yield return rule;
            }
        }
    }

    private static IEnumerable<(string Pointer, string Rule)> Element(JsonNode? node, string at, HashSet<string> allowed, string what)
    {
        if (node is not JsonObject element)
        {
            yield return (at, $"{what} is a JSON object (docs: Block elements)");
            yield break;
        }

        var type = Text(element["type"]);
        if (type is null || !allowed.Contains(type))
        {
            yield return (at + "/type", $"\"{type}\" cannot be {what} (docs: Block elements)");
            yield break;
        }

        if (element["action_id"] is { } actionId && Length(actionId) is < 1 or > 255)
        {
            yield return (at + "/action_id", $"action_id is 1 to 255 characters, not {Length(actionId)} (docs: Block elements)");
        }

        foreach (var rule in TextObject(element["placeholder"], at + "/placeholder", "a placeholder", 150, plainOnly: true, required: false))
        {
            yield return rule;
        }

        switch (type)
        {
            case "button":
                foreach (var rule in TextObject(element["text"], at + "/text", "a button's text", 75, plainOnly: true, required: true))
                {
                    yield return rule;
                }

                if (Length(element["value"]) > 2000)
                {
                    yield return (at + "/value", $"a button's value is at most 2,000 characters, not {Length(element["value"])} (docs: Button element)");
                }

                if (Length(element["url"]) > 3000)
                {
                    yield return (at + "/url", $"a button's url is at most 3,000 characters, not {Length(element["url"])} (docs: Button element)");
                }

                if (Text(element["style"]) is { } style && style is not ("primary" or "danger"))
                {
                    yield return (at + "/style", $"a button's style is primary or danger, not \"{style}\" (docs: Button element)");
                }

                if (Length(element["accessibility_label"]) > 75)
                {
                    yield return (at + "/accessibility_label", "an accessibility_label is at most 75 characters (docs: Button element)");
                }

                break;
            case "static_select" or "multi_static_select" or "overflow" or "radio_buttons" or "checkboxes":
                var options = element["options"] ?? element["option_groups"]?.AsArray().FirstOrDefault()?["options"];
                var maxOptions = type switch { "overflow" => 5, "radio_buttons" or "checkboxes" => 10, _ => 100 };
                if (element["options"] is { } list && Count(list) is var count && (count < 1 || count > maxOptions))
                {
                    yield return (at + "/options", $"{type} has 1 to {maxOptions} options, not {count} (docs: {type} element)");
                }

                for (var i = 0; i < Count(options); i++)
                {
                    var option = options![i];
                    var plainOnly = type is not ("radio_buttons" or "checkboxes");
                    foreach (var rule in TextObject(option?["text"], $"{at}/options/{i}/text", "an option's text", 75, plainOnly, required: true))
                    {
                        yield return rule;
                    }

                    if (Length(option?["value"]) is < 1 or > 150)
                    {
                        yield return ($"{at}/options/{i}/value", $"an option's value is 1 to 150 characters, not {Length(option?["value"])} (docs: Option object)");
                    }
                }

                break;
            case "plain_text_input":
                if (JsonRead.Integer(element["min_length"]) is > 3000 || JsonRead.Integer(element["max_length"]) is > 3000)
                {
                    yield return (at, "a plain_text_input's min_length and max_length are at most 3,000 (docs: Plain-text input element)");
                }

                break;
            case "file_input":
                if (element["max_files"] is { } maxFiles && JsonRead.Integer(maxFiles) is not (>= 1 and <= 10))
                {
                    yield return (at + "/max_files", "a file_input's max_files is 1 to 10 (docs: File input element)");
                }

                if (element["filetypes"] is { } filetypes && (filetypes is not JsonArray types || types.Any(t => Text(t) is not { Length: > 0 })))
                {
                    yield return (at + "/filetypes", "a file_input's filetypes is an array of file type strings (docs: File input element)");
                }

                break;
            case "image":
                foreach (var rule in Image(element, at))
                {
                    yield return rule;
                }

                break;
        }

        if (element["confirm"] is JsonObject confirm)
        {
            foreach (var rule in TextObject(confirm["title"], at + "/confirm/title", "a confirm dialog's title", 100, plainOnly: true, required: false)
                .Concat(TextObject(confirm["text"], at + "/confirm/text", "a confirm dialog's text", 300, plainOnly: false, required: true))
                .Concat(TextObject(confirm["confirm"], at + "/confirm/confirm", "a confirm dialog's confirm button", 30, plainOnly: true, required: false))
                .Concat(TextObject(confirm["deny"], at + "/confirm/deny", "a confirm dialog's deny button", 30, plainOnly: true, required: false)))
            {
                yield return rule;
            }
        }
    }

    private static IEnumerable<(string Pointer, string Rule)> Image(JsonObject? image, string at)
    {
        if (image is null)
        {
            yield break;
        }

        if (Length(image["alt_text"]) is < 1 or > 2000)
        {
            yield return (at + "/alt_text", $"an image's alt_text is 1 to 2,000 characters, not {Length(image["alt_text"])} (docs: Image block)");
        }

        if (image["image_url"] is null && image["slack_file"] is null)
        {
            yield return (at, "an image needs an image_url or a slack_file (docs: Image block)");
        }

        if (Length(image["image_url"]) > 3000)
        {
            yield return (at + "/image_url", "an image_url is at most 3,000 characters (docs: Image block)");
        }
    }

    /// <summary>A text object: <c>plain_text</c> (with <paramref name="plainOnly"/>) or <c>mrkdwn</c>, 1 to <paramref name="max"/> characters.</summary>
    public static IEnumerable<(string Pointer, string Rule)> TextObject(JsonNode? node, string at, string what, int max, bool plainOnly, bool required)
    {
        if (node is null)
        {
            if (required)
            {
                yield return (at, $"{what} is required (docs: Block Kit)");
            }

            yield break;
        }

        if (node is not JsonObject text)
        {
            yield return (at, $"{what} is a text object, not a bare {node.GetValueKind().ToString().ToLowerInvariant()} (docs: Text object)");
            yield break;
        }

        var type = Text(text["type"]);
        if (plainOnly ? type != "plain_text" : type is not ("plain_text" or "mrkdwn"))
        {
            yield return (at + "/type", $"{what} is a {(plainOnly ? "plain_text" : "plain_text or mrkdwn")} text object, not \"{type}\" (docs: Text object)");
        }

        if (Text(text["text"]) is null || Length(text["text"]) is var length && (length < 1 || length > max))
        {
            yield return (at + "/text", $"{what} is 1 to {max} characters, not {Length(text["text"])} (docs: Text object)");
        }

        if (type == "mrkdwn" && text["emoji"] is not null)
        {
            yield return (at + "/emoji", "emoji is a plain_text field only (docs: Text object)");
        }

        if (type == "plain_text" && text["verbatim"] is not null)
        {
            yield return (at + "/verbatim", "verbatim is a mrkdwn field only (docs: Text object)");
        }
    }

    public static IEnumerable<(string Pointer, string Rule)> View(JsonNode? node, string at)
    {
        if (node is not JsonObject view)
        {
            yield return (at, "view is a JSON object (docs: View object)");
            yield break;
        }

        var type = Text(view["type"]);
        if (type is not ("modal" or "home"))
        {
            yield return (at + "/type", $"a view's type is modal or home, not \"{type}\" (docs: View object)");
        }

        if (type == "modal")
        {
            foreach (var rule in TextObject(view["title"], at + "/title", "a modal's title", 24, plainOnly: true, required: true)
                .Concat(TextObject(view["submit"], at + "/submit", "a modal's submit button", 24, plainOnly: true, required: false))
                .Concat(TextObject(view["close"], at + "/close", "a modal's close button", 24, plainOnly: true, required: false)))
            {
                yield return rule;
            }

            if (view["submit"] is null && (view["blocks"] as JsonArray ?? []).Any(b => Text(b?["type"]) == "input"))
            {
                yield return (at + "/submit", "a modal with an input block needs a submit button (docs: View object)");
            }
        }

        if (Length(view["callback_id"]) > 255)
        {
            yield return (at + "/callback_id", $"callback_id is at most 255 characters, not {Length(view["callback_id"])} (docs: View object)");
        }

        if (Length(view["private_metadata"]) > 3000)
        {
            yield return (at + "/private_metadata", $"private_metadata is at most 3,000 characters, not {Length(view["private_metadata"])} (docs: View object)");
        }

        if (view["blocks"] is null)
        {
            yield return (at + "/blocks", "a view needs blocks (docs: View object)");
        }

        foreach (var rule in Blocks(view["blocks"], at + "/blocks", ViewBlocks))
        {
            yield return rule;
        }
    }
}
