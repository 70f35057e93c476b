using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SeedanceBot.Testing.Conformance;

namespace SeedanceBot.Discord.Tests.Conformance;

/// <summary>
/// The Discord checker itself: bodies it must refuse (each at the field the rule is about) and bodies it must accept,
/// so a conformance failure elsewhere means the bot, not the checker.
/// </summary>
public sealed class DiscordConformanceTests
{
    private const string ChannelMessages = "/channels/1200000000000000222/messages";
    private const string Callback = "/interactions/1300000000000000001/itok-1/callback";
    private const string Commands = "/applications/1300000000000000000/commands";
    private const string FollowUp = "/webhooks/1300000000000000000/itok-1";
    private const string Original = "/webhooks/1300000000000000000/itok-1/messages/@original";

    private static readonly Dictionary<string, (string Method, string Path, Func<JsonNode> Body, string Location)> Bad = new()
    {
        ["content of 2,001 characters"] = ("POST", ChannelMessages, () => new JsonObject { ["content"] = new string('a', 2001) }, "/content"),
        ["follow-up content of 2,001 characters"] = ("POST", FollowUp, () => new JsonObject { ["content"] = new string('a', 2001) }, "/content"),
        ["embeds of 6,001 characters in all"] = ("POST", ChannelMessages, () => new JsonObject
        {
            ["embeds"] = new JsonArray(
                new JsonObject { ["title"] = new string('t', 256), ["description"] = new string('d', 4096) },
                new JsonObject { ["description"] = new string('d', 1649) }),
        }, "/embeds"),
        ["26 embed fields"] = ("PATCH", Original, () => new JsonObject
        {
            ["embeds"] = new JsonArray(new JsonObject { ["fields"] = new JsonArray([.. Enumerable.Range(0, 26).Select(i => (JsonNode)new JsonObject { ["name"] = "n" + i, ["value"] = "v" })]) }),
        }, "/embeds/0/fields"),
        ["an empty embed field value"] = ("POST", ChannelMessages, () => new JsonObject
        {
            ["embeds"] = new JsonArray(new JsonObject { ["fields"] = new JsonArray(new JsonObject { ["name"] = "Style", ["value"] = string.Empty }) }),
        }, "/embeds/0/fields/0"),
        ["6 action rows"] = ("POST", ChannelMessages, () => new JsonObject
        {
            ["components"] = new JsonArray([.. Enumerable.Range(0, 6).Select(i => (JsonNode)Row(Button("b" + i)))]),
        }, "/components"),
        ["6 buttons in a row"] = ("POST", ChannelMessages, () => new JsonObject
        {
            ["components"] = new JsonArray(Row([.. Enumerable.Range(0, 6).Select(i => Button("b" + i))])),
        }, "/components/0/components"),
        ["a 101-character custom_id"] = ("POST", ChannelMessages, () => new JsonObject
        {
            ["components"] = new JsonArray(Row(Button(new string('x', 101)))),
        }, "/components/0/components/0/custom_id"),
        ["an 81-character button label"] = ("POST", ChannelMessages, () => new JsonObject
        {
            ["components"] = new JsonArray(Row(Button("ok", label: new string('l', 81)))),
        }, "/components/0/components/0/label"),
        ["two buttons with one custom_id"] = ("POST", ChannelMessages, () => new JsonObject
        {
            ["components"] = new JsonArray(Row(Button("same"), Button("same"))),
        }, "/components/0/components/1/custom_id"),
        ["a text input directly in a modal"] = ("POST", Callback, () => Modal(TextInput("shot1")), "/data/components/0/type"),
        ["a modal with 6 inputs"] = ("POST", Callback, () => Modal([.. Enumerable.Range(1, 6).Select(i => Label(TextInput("shot" + i)))]), "/data/components"),
        ["an unknown component type"] = ("POST", ChannelMessages, () => new JsonObject
        {
            ["components"] = new JsonArray(new JsonObject { ["type"] = 99, ["components"] = new JsonArray() }),
        }, "/components/0"),
        ["an unknown option type"] = ("PUT", Commands, () => new JsonArray(Command("video", new JsonObject { ["type"] = 42, ["name"] = "prompt", ["description"] = "What to film" })), "/0/options/0/type"),
        ["a string where an object is required"] = ("POST", ChannelMessages, () => new JsonObject { ["content"] = "hi", ["allowed_mentions"] = "none" }, "/allowed_mentions"),
        ["an unknown callback type"] = ("POST", Callback, () => new JsonObject { ["type"] = 3 }, "/type"),
        ["a capitalised command name"] = ("PUT", Commands, () => new JsonArray(Command("Video")), "/0/name"),
        ["a command name with a space"] = ("PUT", Commands, () => new JsonArray(Command("make video")), "/0/name"),
        ["a 101-character command description"] = ("PUT", Commands, () => new JsonArray(new JsonObject { ["name"] = "video", ["description"] = new string('d', 101) }), "/0/description"),
        ["26 command options"] = ("PUT", Commands, () => new JsonArray(Command("video", [.. Enumerable.Range(0, 26).Select(i => StringOption("o" + i))])), "/0/options"),
        ["a required option after an optional one"] = ("PUT", Commands, () => new JsonArray(Command("video", StringOption("style"), StringOption("prompt", required: true))), "/0/options/1/required"),
        ["26 choices"] = ("PUT", Commands, () => new JsonArray(Command("video", StringOption("ratio", choices: 26))), "/0/options/0/choices"),
        ["autocomplete beside choices"] = ("PUT", Commands, () => new JsonArray(Command("video", StringOption("ratio", choices: 2, autocomplete: true))), "/0/options/0/autocomplete"),
        ["26 autocomplete choices"] = ("POST", Callback, () => new JsonObject
        {
            ["type"] = 8,
            ["data"] = new JsonObject { ["choices"] = new JsonArray([.. Enumerable.Range(0, 26).Select(i => (JsonNode)new JsonObject { ["name"] = "s" + i, ["value"] = "s" + i })]) },
        }, "/data/choices"),
        ["a DM without a recipient"] = ("POST", "/users/@me/channels", () => new JsonObject(), string.Empty),
    };

    public static TheoryData<string> BadCases => [.. Bad.Keys];

    private static readonly Dictionary<string, (string Method, string Path, Func<JsonNode> Body)> Good = new()
    {
        ["a result message with an embed and buttons"] = ("POST", ChannelMessages, () => new JsonObject
        {
            ["content"] = "<@1100000000000000111> your video is ready",
            ["embeds"] = new JsonArray(new JsonObject
            {
                ["color"] = 0x2ECC71,
                ["fields"] = new JsonArray(new JsonObject { ["name"] = "Seed", ["value"] = "42", ["inline"] = true }),
                ["footer"] = new JsonObject { ["text"] = "SeedanceBot · job k7m2qx9p" },
            }),
            ["components"] = new JsonArray(Row(Button("sb:reroll:k7m2qx9p", style: 1), Button("sb:delete:k7m2qx9p", style: 4))),
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray(), ["users"] = new JsonArray("1100000000000000111"), ["replied_user"] = false },
            ["nonce"] = "k7m2qx9p",
            ["enforce_nonce"] = true,
        }),
        ["exactly 2,000 characters and 6,000 in embeds"] = ("POST", FollowUp, () => new JsonObject
        {
            ["content"] = new string('a', 2000),
            ["embeds"] = new JsonArray(
                new JsonObject { ["title"] = new string('t', 256), ["description"] = new string('d', 4096) },
                new JsonObject { ["description"] = new string('d', 1648) }),
            ["flags"] = 64,
        }),
        ["flags as an int-parseable string"] = ("PATCH", Original, () => new JsonObject { ["content"] = "edited", ["flags"] = "64" }),
        ["a pong"] = ("POST", Callback, () => new JsonObject { ["type"] = 1 }),
        ["a public defer"] = ("POST", Callback, () => new JsonObject { ["type"] = 5 }),
        ["a private defer"] = ("POST", Callback, () => new JsonObject { ["type"] = 5, ["data"] = new JsonObject { ["flags"] = 64 } }),
        ["a deferred update"] = ("POST", Callback, () => new JsonObject { ["type"] = 6 }),
        ["an ephemeral message callback"] = ("POST", Callback, () => new JsonObject { ["type"] = 4, ["data"] = new JsonObject { ["content"] = "Nope", ["flags"] = 64, ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() } } }),
        ["an empty autocomplete"] = ("POST", Callback, () => new JsonObject { ["type"] = 8, ["data"] = new JsonObject { ["choices"] = new JsonArray() } }),
        ["an autocomplete of strings"] = ("POST", Callback, () => new JsonObject
        {
            ["type"] = 8,
            ["data"] = new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["name"] = "Cinematic (cinematic)", ["value"] = "cinematic" }, new JsonObject { ["name"] = "5", ["value"] = "5" }) },
        }),
        ["a modal of labelled inputs"] = ("POST", Callback, () => Modal(Label(TextInput("shot1")), Label(TextInput("shot2")))),
        ["a modal of action rows (deprecated, still in the spec)"] = ("POST", Callback, () => Modal(Row(TextInput("shot1", label: "Shot 1")), Row(TextInput("shot2", label: "Shot 2")))),
        ["the bot's kind of command set"] = ("PUT", Commands, () => new JsonArray(
            Command("video", StringOption("prompt", required: true), StringOption("style", autocomplete: true), StringOption("ratio", choices: 3),
                new JsonObject { ["type"] = 4, ["name"] = "duration", ["description"] = "Seconds", ["min_value"] = 2, ["max_value"] = 12 },
                new JsonObject { ["type"] = 11, ["name"] = "image", ["description"] = "A first frame" }),
            new JsonObject
            {
                ["name"] = "quota",
                ["description"] = "Quotas",
                ["default_member_permissions"] = "32",
                ["contexts"] = new JsonArray(0),
                ["options"] = new JsonArray(new JsonObject
                {
                    ["type"] = 1,
                    ["name"] = "set",
                    ["description"] = "Set a user's quota",
                    ["options"] = new JsonArray(new JsonObject { ["type"] = 6, ["name"] = "user", ["description"] = "Who", ["required"] = true }),
                }),
            })),
        ["a DM channel"] = ("POST", "/users/@me/channels", () => new JsonObject { ["recipient_id"] = "1100000000000000111" }),
    };

    public static TheoryData<string> GoodCases => [.. Good.Keys];

    [Theory]
    [MemberData(nameof(BadCases))]
    public void CheckRequest_BrokenBody_ReportsTheField(string name)
    {
        var (method, path, body, location) = Bad[name];

        var violations = DiscordConformance.CheckRequest(method, path, "application/json", Encoding.UTF8.GetBytes(body().ToJsonString()));

        Assert.True(violations.Any(v => v.Location == location), $"expected a violation at '{location}', got: {string.Join(" | ", violations)}");
    }

    [Theory]
    [MemberData(nameof(GoodCases))]
    public void CheckRequest_ValidBody_ReportsNothing(string name)
    {
        var (method, path, body) = Good[name];

        var violations = DiscordConformance.CheckRequest(method, path, "application/json", Encoding.UTF8.GetBytes(body().ToJsonString()));

        Assert.Empty(violations);
    }

    [Fact]
    public void CheckRequest_UploadWithItsFile_ReportsNothing()
    {
        var (contentType, body) = Upload(new JsonObject { ["content"] = "done", ["attachments"] = new JsonArray(new JsonObject { ["id"] = 0, ["filename"] = "seedance-k7m2qx9p.mp4" }) }, "files[0]");

        Assert.Empty(DiscordConformance.CheckRequest("POST", ChannelMessages, contentType, body));
    }

    [Fact]
    public void CheckRequest_AttachmentWithoutItsFilePart_ReportsTheAttachment()
    {
        var (contentType, body) = Upload(new JsonObject { ["attachments"] = new JsonArray(new JsonObject { ["id"] = 1, ["filename"] = "a.mp4" }) }, "files[0]");

        var violations = DiscordConformance.CheckRequest("PATCH", Original, contentType, body);

        Assert.Contains(violations, v => v.Location == "/attachments/0/id");
    }

    [Fact]
    public void CheckRequest_RouteWithoutBody_ReportsTheRoute()
    {
        var violations = DiscordConformance.CheckRequest("POST", "/no/such/route", "application/json", "{}"u8.ToArray());

        Assert.Single(violations);
    }

    [Fact]
    public void CheckInteractionResponse_EmptyBody_IsRefused() =>
        Assert.NotEmpty(DiscordConformance.CheckInteractionResponse("application/json", []));

    [Fact]
    public void CheckInteractionResponse_ModalOfRows_ReportsNothing() =>
        Assert.Empty(DiscordConformance.CheckInteractionResponse("application/json; charset=utf-8", Encoding.UTF8.GetBytes(Modal(Row(TextInput("shot1", label: "Shot 1"))).ToJsonString())));

    [Fact]
    public void CheckGatewayPayload_OverFourKilobytes_IsRefused()
    {
        var frame = new JsonObject { ["op"] = 3, ["d"] = new JsonObject { ["status"] = new string('x', 4100) } }.ToJsonString();

        Assert.Contains(DiscordConformance.CheckGatewayPayload(Encoding.UTF8.GetBytes(frame)), v => v.Rule.Contains("4,096", StringComparison.Ordinal));
    }

    [Fact]
    public void CheckGatewayPayload_IdentifyWithoutIntents_IsRefused()
    {
        var frame = """{"op":2,"d":{"token":"t","properties":{"os":"linux","browser":"b","device":"d"}}}""";

        Assert.Contains(DiscordConformance.CheckGatewayPayload(Encoding.UTF8.GetBytes(frame)), v => v.Location == "/d");
    }

    [Fact]
    public void CheckGatewayPayload_HeartbeatAndIdentify_ReportNothing()
    {
        Assert.Empty(DiscordConformance.CheckGatewayPayload("""{"op":1,"d":null}"""u8));
        Assert.Empty(DiscordConformance.CheckGatewayPayload("""{"op":2,"d":{"token":"t","intents":0,"properties":{"os":"linux","browser":"b","device":"d"}}}"""u8));
    }

    [Fact]
    public void InvalidFormBody_Violations_NestsErrorsByField()
    {
        var body = DiscordConformance.InvalidFormBody([new PayloadViolation("POST /x", "/embeds/0/fields", "too many")]);

        Assert.Equal(50035, (int)body["code"]!);
        Assert.Equal("too many", (string?)body["errors"]!["embeds"]!["0"]!["fields"]!["_errors"]![0]!["message"]);
    }

    private static JsonObject Row(params JsonObject[] components) => new() { ["type"] = 1, ["components"] = new JsonArray([.. components]) };

    private static JsonObject Button(string customId, int style = 2, string label = "Again") =>
        new() { ["type"] = 2, ["style"] = style, ["label"] = label, ["custom_id"] = customId };

    private static JsonObject TextInput(string customId, string? label = null)
    {
        var input = new JsonObject { ["type"] = 4, ["custom_id"] = customId, ["style"] = 2, ["max_length"] = 1000, ["required"] = false };
        if (label is not null)
        {
            input["label"] = label;
        }

        return input;
    }

    private static JsonObject Label(JsonObject component) => new() { ["type"] = 18, ["label"] = "Shot", ["component"] = component };

    private static JsonObject Modal(params JsonObject[] components) => new()
    {
        ["type"] = 9,
        ["data"] = new JsonObject { ["custom_id"] = "storyboard", ["title"] = "Storyboard", ["components"] = new JsonArray([.. components]) },
    };

    private static JsonObject Command(string name, params JsonObject[] options) =>
        new() { ["name"] = name, ["description"] = "Make a video", ["type"] = 1, ["options"] = new JsonArray([.. options]) };

    private static JsonObject StringOption(string name, bool required = false, bool autocomplete = false, int choices = 0)
    {
        var option = new JsonObject { ["type"] = 3, ["name"] = name, ["description"] = "The " + name, ["required"] = required };
        if (autocomplete)
        {
            option["autocomplete"] = true;
        }

        if (choices > 0)
        {
            option["choices"] = new JsonArray([.. Enumerable.Range(0, choices).Select(i => (JsonNode)new JsonObject { ["name"] = "c" + i, ["value"] = "c" + i })]);
        }

        return option;
    }

    private static (string ContentType, byte[] Body) Upload(JsonObject payload, string partName)
    {
        using var form = new MultipartFormDataContent();
        var json = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");
        json.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"payload_json\"" };
        form.Add(json);
        var file = new ByteArrayContent([1, 2, 3]);
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{partName}\"", FileName = "\"a.mp4\"" };
        form.Add(file);
        return (form.Headers.ContentType!.ToString(), form.ReadAsByteArrayAsync().GetAwaiter().GetResult());
    }
}
