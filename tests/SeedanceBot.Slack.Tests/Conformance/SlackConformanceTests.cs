using System.Text;
using System.Text.Json.Nodes;
using SeedanceBot.Testing.Conformance;

namespace SeedanceBot.Slack.Tests.Conformance;

/// <summary>
/// The Slack checker itself: payloads it must refuse (each at the field the rule is about, with the error Slack gives)
/// and payloads it must accept, so a conformance failure elsewhere means the bot, not the checker.
/// </summary>
public sealed class SlackConformanceTests
{
    private static readonly Dictionary<string, (string Method, Func<JsonObject> Arguments, string Location, string Error)> Bad = new()
    {
        ["51 blocks"] = ("chat.postMessage", () => Message([.. Enumerable.Range(0, 51).Select(_ => Section("hi"))]), "/blocks", "invalid_blocks"),
        ["11 section fields"] = ("chat.update", () => Message(new JsonObject
        {
            ["type"] = "section",
            ["fields"] = new JsonArray([.. Enumerable.Range(0, 11).Select(i => (JsonNode)Mrkdwn("*f" + i + "*"))]),
        }), "/blocks/0/fields", "invalid_blocks"),
        ["a 2,001-character field"] = ("chat.postMessage", () => Message(new JsonObject { ["type"] = "section", ["fields"] = new JsonArray(Mrkdwn(new string('f', 2001))) }), "/blocks/0/fields/0/text", "invalid_blocks"),
        ["a 3,001-character section"] = ("chat.postMessage", () => Message(Section(new string('s', 3001))), "/blocks/0/text/text", "invalid_blocks"),
        ["an empty section"] = ("chat.postMessage", () => Message(new JsonObject { ["type"] = "section" }), "/blocks/0", "invalid_blocks"),
        ["a 151-character header"] = ("chat.postMessage", () => Message(new JsonObject { ["type"] = "header", ["text"] = Plain(new string('h', 151)) }), "/blocks/0/text/text", "invalid_blocks"),
        ["a mrkdwn header"] = ("chat.postMessage", () => Message(new JsonObject { ["type"] = "header", ["text"] = Mrkdwn("*Result*") }), "/blocks/0/text/type", "invalid_blocks"),
        ["a 76-character button text"] = ("chat.postMessage", () => Message(Actions(Button("sb_reroll", new string('b', 76)))), "/blocks/0/elements/0/text/text", "invalid_blocks"),
        ["a 2,001-character button value"] = ("chat.postMessage", () => Message(Actions(Button("sb_reroll", "Again", value: new string('v', 2001)))), "/blocks/0/elements/0/value", "invalid_blocks"),
        ["a 3,001-character button url"] = ("chat.postMessage", () => Message(Actions(Button("sb_open", "Open", url: "https://x.test/" + new string('u', 2990)))), "/blocks/0/elements/0/url", "invalid_blocks"),
        ["a mrkdwn button text"] = ("chat.postMessage", () => Message(Actions(new JsonObject { ["type"] = "button", ["action_id"] = "a", ["text"] = Mrkdwn("Again") })), "/blocks/0/elements/0/text/type", "invalid_blocks"),
        ["a bare string as button text"] = ("chat.postMessage", () => Message(Actions(new JsonObject { ["type"] = "button", ["action_id"] = "a", ["text"] = "Again" })), "/blocks/0/elements/0/text", "invalid_blocks"),
        ["a 256-character action_id"] = ("chat.postMessage", () => Message(Actions(Button(new string('a', 256), "Again"))), "/blocks/0/elements/0/action_id", "invalid_blocks"),
        ["a 256-character block_id"] = ("chat.postMessage", () => Message(Section("hi", blockId: new string('b', 256))), "/blocks/0/block_id", "invalid_blocks"),
        ["a duplicate block_id"] = ("chat.postMessage", () => Message(Section("a", blockId: "same"), Section("b", blockId: "same")), "/blocks/1/block_id", "invalid_blocks"),
        ["a duplicate action_id in a block"] = ("chat.postMessage", () => Message(Actions(Button("same", "A"), Button("same", "B"))), "/blocks/0/elements/1/action_id", "invalid_blocks"),
        ["26 actions"] = ("chat.postMessage", () => Message(Actions([.. Enumerable.Range(0, 26).Select(i => Button("a" + i, "B" + i))])), "/blocks/0/elements", "invalid_blocks"),
        ["11 context elements"] = ("chat.postMessage", () => Message(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray([.. Enumerable.Range(0, 11).Select(i => (JsonNode)Mrkdwn("c" + i))]) }), "/blocks/0/elements", "invalid_blocks"),
        ["an unknown block type"] = ("chat.postMessage", () => Message(new JsonObject { ["type"] = "sectoin", ["text"] = Mrkdwn("hi") }), "/blocks/0/type", "invalid_blocks"),
        ["a button style that does not exist"] = ("chat.postMessage", () => Message(Actions(Button("a", "Go", style: "secondary"))), "/blocks/0/elements/0/style", "invalid_blocks"),
        ["text of 40,001 characters"] = ("chat.postEphemeral", () => new JsonObject { ["channel"] = "C0CHAN", ["user"] = "U0USER", ["text"] = new string('t', 40001) }, "/text", "msg_too_long"),
        ["a 25-character modal title"] = ("views.open", () => View(title: new string('t', 25)), "/view/title/text", "invalid_arguments"),
        ["a 25-character submit"] = ("views.open", () => View(submit: new string('s', 25)), "/view/submit/text", "invalid_arguments"),
        ["a mrkdwn modal title"] = ("views.open", () => View(titleObject: Mrkdwn("New video")), "/view/title/type", "invalid_arguments"),
        ["a 256-character callback_id"] = ("views.open", () => View(callbackId: new string('c', 256)), "/view/callback_id", "invalid_arguments"),
        ["3,001 characters of private_metadata"] = ("views.open", () => View(metadata: new string('m', 3001)), "/view/private_metadata", "invalid_arguments"),
        ["a 2,001-character input label"] = ("views.update", () => View(label: new string('l', 2001)), "/view/blocks/0/label/text", "invalid_arguments"),
        ["an input without submit"] = ("views.open", () => View(submit: null), "/view/submit", "invalid_arguments"),
        ["101 blocks in a view"] = ("views.open", () => View(extraBlocks: 100), "/view/blocks", "invalid_arguments"),
        ["51 blocks in an upload"] = ("files.completeUploadExternal", () => new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = "F1" }),
            ["channel_id"] = "C0CHAN",
            ["blocks"] = new JsonArray([.. Enumerable.Range(0, 51).Select(_ => Section("hi"))]),
        }, "/blocks", "invalid_blocks"),
    };

    public static TheoryData<string> BadCases => [.. Bad.Keys];

    private static readonly Dictionary<string, (string Method, Func<JsonObject> Arguments)> Good = new()
    {
        ["the bot's kind of result message"] = ("chat.postMessage", () => Message(
            Section(":white_check_mark: <@U0USER> your video is ready"),
            new JsonObject { ["type"] = "section", ["fields"] = new JsonArray([.. Enumerable.Range(0, 10).Select(i => (JsonNode)Mrkdwn($"*Field {i}*\nvalue"))]) },
            new JsonObject
            {
                ["type"] = "actions",
                ["block_id"] = "sb_actions",
                ["elements"] = new JsonArray(Button("sb_reroll", "Again", value: "k7m2qx9p", style: "primary"), DeleteButton()),
            },
            new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn("SeedanceBot · job k7m2qx9p")) })),
        ["50 blocks and 40,000 characters of text"] = ("chat.update", () => new JsonObject
        {
            ["channel"] = "C0CHAN",
            ["ts"] = "1700000000.000100",
            ["text"] = new string('t', 40000),
            ["blocks"] = new JsonArray([.. Enumerable.Range(0, 50).Select(_ => Section(new string('s', 3000)))]),
        }),
        ["the bot's kind of modal"] = ("views.open", () => View()),
        ["a modal title of 24 characters"] = ("views.open", () => View(title: new string('t', 24))),
        ["an upload with a comment"] = ("files.completeUploadExternal", () => new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = "F1", ["title"] = "seedance-k7m2qx9p.mp4" }),
            ["channel_id"] = "C0CHAN",
            ["initial_comment"] = "Your video",
        }),
        ["a method without payload rules"] = ("conversations.join", () => new JsonObject { ["channel"] = "C0CHAN" }),
    };

    public static TheoryData<string> GoodCases => [.. Good.Keys];

    [Theory]
    [MemberData(nameof(BadCases))]
    public void CheckApiCall_BrokenPayload_ReportsTheFieldWithSlacksError(string name)
    {
        var (method, arguments, location, error) = Bad[name];

        var violations = SlackConformance.CheckApiCall(method, arguments());

        Assert.True(violations.Any(v => v.Location == location), $"expected a violation at '{location}', got: {string.Join(" | ", violations)}");
        Assert.Equal(error, SlackConformance.ErrorCode(method, violations));
    }

    [Theory]
    [MemberData(nameof(GoodCases))]
    public void CheckApiCall_ValidPayload_ReportsNothing(string name)
    {
        var (method, arguments) = Good[name];

        Assert.Empty(SlackConformance.CheckApiCall(method, arguments()));
    }

    [Fact]
    public void CheckResponseUrl_UnknownResponseType_IsRefused()
    {
        var payload = Message(Section("hi"));
        payload["response_type"] = "public";

        Assert.Contains(SlackConformance.CheckResponseUrl(payload), v => v.Location == "/response_type");
    }

    [Fact]
    public void CheckResponseUrl_ReplacingMessage_ReportsNothing()
    {
        var payload = Message(Section("done"));
        payload["response_type"] = "in_channel";
        payload["replace_original"] = true;

        Assert.Empty(SlackConformance.CheckResponseUrl(payload));
    }

    [Fact]
    public void CheckSocketAck_ExtraField_IsRefused() =>
        Assert.Contains(SlackConformance.CheckSocketAck(new JsonObject { ["envelope_id"] = "e1", ["ok"] = true }, "slash_commands", null), v => v.Location == "/ok");

    [Fact]
    public void CheckSocketAck_PayloadOnAnEvent_IsRefused() =>
        Assert.NotEmpty(SlackConformance.CheckSocketAck(new JsonObject { ["envelope_id"] = "e1", ["payload"] = new JsonObject { ["text"] = "hi" } }, "events_api", null));

    [Fact]
    public void CheckSocketAck_CommandAnswerWith51Blocks_IsRefused()
    {
        var frame = new JsonObject { ["envelope_id"] = "e1", ["payload"] = Message([.. Enumerable.Range(0, 51).Select(_ => Section("hi"))]) };

        Assert.Contains(SlackConformance.CheckSocketAck(frame, "slash_commands", null), v => v.Location == "/payload/blocks");
    }

    [Fact]
    public void CheckSocketAck_UnknownResponseAction_IsRefused()
    {
        var frame = new JsonObject { ["envelope_id"] = "e1", ["payload"] = new JsonObject { ["response_action"] = "close" } };

        Assert.Contains(SlackConformance.CheckSocketAck(frame, "interactive", "view_submission"), v => v.Location == "/payload/response_action");
    }

    [Fact]
    public void CheckSocketAck_PlainAndWithPayload_ReportNothing()
    {
        Assert.Empty(SlackConformance.CheckSocketAck(new JsonObject { ["envelope_id"] = "e1" }, "interactive", "block_actions"));
        Assert.Empty(SlackConformance.CheckSocketAck(new JsonObject { ["envelope_id"] = "e1", ["payload"] = new JsonObject() }, "events_api", null));
        Assert.Empty(SlackConformance.CheckSocketAck(new JsonObject { ["envelope_id"] = "e1", ["payload"] = new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { ["prompt"] = "Say what to film" } } }, "interactive", "view_submission"));
    }

    [Fact]
    public void CheckHttpAck_ButtonClickAnsweredWithAMessage_IsRefused()
    {
        var body = Encoding.UTF8.GetBytes(Message(Section("hi")).ToJsonString());

        Assert.NotEmpty(SlackConformance.CheckHttpAck("/slack/interactions", "block_actions", 200, "application/json", body));
    }

    [Fact]
    public void CheckHttpAck_ServerError_IsRefused() =>
        Assert.NotEmpty(SlackConformance.CheckHttpAck("/slack/commands", null, 500, "text/plain", []));

    [Fact]
    public void CheckHttpAck_EmptyAndMessage_ReportNothing()
    {
        Assert.Empty(SlackConformance.CheckHttpAck("/slack/commands", null, 200, null, []));
        Assert.Empty(SlackConformance.CheckHttpAck("/slack/commands", null, 200, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(Message(Section("hi")).ToJsonString())));
    }

    [Fact]
    public void InteractionTypeOf_FormPayload_ReadsItsType() =>
        Assert.Equal("view_submission", SlackConformance.InteractionTypeOf("payload=" + Uri.EscapeDataString("""{"type":"view_submission"}""")));

    [Fact]
    public void ErrorBody_Violations_NamesEachPointer()
    {
        var body = SlackConformance.ErrorBody("chat.postMessage", [new PayloadViolation("chat.postMessage", "/blocks/0/text/text", "too long")]);

        Assert.Equal("invalid_blocks", (string?)body["error"]);
        Assert.Equal("[ERROR] too long [json-pointer:/blocks/0/text/text]", (string?)body["response_metadata"]!["messages"]![0]);
    }

    private static JsonObject Message(params JsonObject[] blocks) =>
        new() { ["channel"] = "C0CHAN", ["text"] = "fallback", ["blocks"] = new JsonArray([.. blocks]) };

    private static JsonObject Section(string text, string? blockId = null)
    {
        var section = new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(text) };
        if (blockId is not null)
        {
            section["block_id"] = blockId;
        }

        return section;
    }

    private static JsonObject Actions(params JsonObject[] elements) => new() { ["type"] = "actions", ["elements"] = new JsonArray([.. elements]) };

    private static JsonObject Button(string actionId, string text, string? value = null, string? url = null, string? style = null)
    {
        var button = new JsonObject { ["type"] = "button", ["action_id"] = actionId, ["text"] = Plain(text) };
        if (value is not null)
        {
            button["value"] = value;
        }

        if (url is not null)
        {
            button["url"] = url;
        }

        if (style is not null)
        {
            button["style"] = style;
        }

        return button;
    }

    private static JsonObject DeleteButton()
    {
        var button = Button("sb_delete", "Delete", value: "k7m2qx9p|F0000000001", style: "danger");
        button["confirm"] = new JsonObject
        {
            ["title"] = Plain("Delete this video?"),
            ["text"] = Plain("The message and its video are removed for everyone."),
            ["confirm"] = Plain("Delete"),
            ["deny"] = Plain("Keep it"),
        };
        return button;
    }

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject View(string title = "New video", JsonObject? titleObject = null, string? submit = "Generate", string? callbackId = "sb_video",
        string metadata = """{"channel":"C0CHAN"}""", string label = "Prompt", int extraBlocks = 0)
    {
        var blocks = new JsonArray(
            new JsonObject
            {
                ["type"] = "input",
                ["block_id"] = "prompt",
                ["label"] = Plain(label),
                ["optional"] = true,
                ["element"] = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = "value", ["multiline"] = true, ["placeholder"] = Plain("A fox at dawn") },
            },
            new JsonObject
            {
                ["type"] = "input",
                ["block_id"] = "aspect_ratio",
                ["label"] = Plain("Aspect ratio"),
                ["optional"] = true,
                ["element"] = new JsonObject
                {
                    ["type"] = "static_select",
                    ["action_id"] = "value",
                    ["options"] = new JsonArray([.. new[] { "16:9", "9:16", "1:1" }.Select(r => (JsonNode)new JsonObject { ["text"] = Plain(r), ["value"] = r })]),
                },
            });
        for (var i = 0; i < extraBlocks; i++)
        {
            blocks.Add(new JsonObject { ["type"] = "divider" });
        }

        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = callbackId,
            ["title"] = titleObject ?? Plain(title),
            ["close"] = Plain("Cancel"),
            ["private_metadata"] = metadata,
            ["blocks"] = blocks,
        };
        if (submit is not null)
        {
            view["submit"] = Plain(submit);
        }

        return new JsonObject { ["trigger_id"] = "1.2.abc", ["view"] = view };
    }
}
