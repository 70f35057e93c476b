using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using static SeedanceBot.Testing.Conformance.JsonRead;

namespace SeedanceBot.Testing.Conformance;

/// <summary>
/// Checks what the bot sends Slack against Slack's documented limits (docs.slack.dev and the JSDoc of <c>@slack/types</c>;
/// see <see cref="BlockKit"/>): Web API calls (chat.postMessage, chat.update, chat.postEphemeral, views.open/update/push,
/// files.completeUploadExternal), response_url posts, Socket Mode acknowledgements and the HTTP acknowledgement bodies of
/// the slash-command and interactivity endpoints.
/// </summary>
public static class SlackConformance
{
    public const string ResponseUrlRoute = "response_url";
    public const string SocketAckRoute = "Socket Mode ack";
    private const int TextLimit = 40000;

    /// <summary>A Web API call's arguments (a JSON body, or a form with JSON-valued arguments already parsed).</summary>
    public static IReadOnlyList<PayloadViolation> CheckApiCall(string method, JsonObject arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var rules = method switch
        {
            "chat.postMessage" or "chat.update" or "chat.postEphemeral" => Message(arguments, string.Empty),
            "views.open" or "views.update" or "views.push" => BlockKit.View(arguments["view"], "/view"),
            "files.completeUploadExternal" => Upload(arguments),
            _ => [],
        };
        return [.. rules.Select(r => new PayloadViolation(method, r.Pointer, r.Rule))];
    }

    /// <summary>A post to a response_url: a message, plus <c>response_type</c>, <c>replace_original</c>, <c>delete_original</c>.</summary>
    public static IReadOnlyList<PayloadViolation> CheckResponseUrl(JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return [.. Reply(payload, string.Empty, responseUrl: true).Select(r => new PayloadViolation(ResponseUrlRoute, r.Pointer, r.Rule))];
    }

    /// <summary>
    /// A frame the bot sent on a Socket Mode connection: exactly <c>{"envelope_id": ...}</c>, or that plus a
    /// <c>payload</c> that suits the envelope (<paramref name="envelopeType"/>; for <c>interactive</c> ones,
    /// <paramref name="interactionType"/> such as <c>view_submission</c>). Null types: the envelope is not known.
    /// </summary>
    public static IReadOnlyList<PayloadViolation> CheckSocketAck(JsonObject frame, string? envelopeType, string? interactionType)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var rules = new List<(string Pointer, string Rule)>();
        if (Text(frame["envelope_id"]) is not { Length: > 0 })
        {
            rules.Add(("/envelope_id", "an acknowledgement carries the envelope_id of what it acknowledges (docs: Socket Mode)"));
        }

        foreach (var (key, _) in frame)
        {
            if (key is not ("envelope_id" or "payload"))
            {
                rules.Add(("/" + key, $"an acknowledgement is {{\"envelope_id\"}} with an optional \"payload\"; \"{key}\" is not part of it (docs: Socket Mode)"));
            }
        }

        if (frame["payload"] is { } payload)
        {
            rules.AddRange(AckPayload(payload, "/payload", envelopeType, interactionType));
        }

        return [.. rules.Select(r => new PayloadViolation(SocketAckRoute, r.Pointer, r.Rule))];
    }

    /// <summary>
    /// The bot's HTTP answer on <paramref name="path"/> (<c>/slack/commands</c>, <c>/slack/interactions</c>): empty, or
    /// JSON that suits the request (<paramref name="interactionType"/> from the interactivity payload's <c>type</c>).
    /// </summary>
    public static IReadOnlyList<PayloadViolation> CheckHttpAck(string path, string? interactionType, int status, string? contentType, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var route = "HTTP response to POST " + path;
        if (status >= 500)
        {
            return [new PayloadViolation(route, string.Empty, $"Slack expects HTTP 200 within 3 s, not {status}; an application error is still a 200 with an ephemeral text (docs: Acknowledgment response)")];
        }

        if (status != 200)
        {
            // The bot refusing a request that is not Slack's (a bad signature, a body too big): nothing Slack shows.
            return [];
        }

        if (body.Length == 0)
        {
            return [];
        }

        if (contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            // A slash command may be answered with plain text (an ephemeral reply); interactivity takes JSON or nothing.
            return path.EndsWith("/commands", StringComparison.Ordinal) && contentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true
                ? [.. Limit(Encoding.UTF8.GetString(body), string.Empty).Select(r => new PayloadViolation(route, r.Pointer, r.Rule))]
                : [new PayloadViolation(route, string.Empty, $"a non-empty acknowledgement is application/json, not {contentType ?? "untyped"} (docs: Acknowledgment response)")];
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return [new PayloadViolation(route, string.Empty, "the acknowledgement is not valid JSON")];
        }

        var envelopeType = path.EndsWith("/commands", StringComparison.Ordinal) ? "slash_commands" : "interactive";
        return [.. AckPayload(node, string.Empty, envelopeType, interactionType).Select(r => new PayloadViolation(route, r.Pointer, r.Rule))];
    }

    /// <summary>The type of an interactivity request's <c>payload</c> form field (<c>block_actions</c>, <c>view_submission</c>, ...), or null.</summary>
    public static string? InteractionTypeOf(string formBody)
    {
        if (!QueryHelpers.ParseQuery(formBody).TryGetValue("payload", out var payload))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(payload.ToString()) is JsonObject json ? Text(json["type"]) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The error Slack answers a refused call with: <c>msg_too_long</c> for text, <c>invalid_blocks</c> for blocks, else <c>invalid_arguments</c>.</summary>
    public static string ErrorCode(string method, IEnumerable<PayloadViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var list = violations.ToList();
        if (method.StartsWith("views.", StringComparison.Ordinal))
        {
            return "invalid_arguments";
        }

        if (list.Any(v => v.Location.StartsWith("/blocks", StringComparison.Ordinal)))
        {
            return "invalid_blocks";
        }

        return list.Any(v => v.Location is "/text" or "/initial_comment") ? "msg_too_long" : "invalid_arguments";
    }

    /// <summary>Slack's answer to a refused Web API call: <c>{"ok":false,"error":...,"errors":[...],"response_metadata":{"messages":[...]}}</c>.</summary>
    public static JsonObject ErrorBody(string method, IReadOnlyList<PayloadViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        return new JsonObject
        {
            ["ok"] = false,
            ["error"] = ErrorCode(method, violations),
            ["errors"] = new JsonArray([.. violations.Select(v => (JsonNode)$"{v.Rule} [json-pointer:{v.Location}]")]),
            ["response_metadata"] = new JsonObject { ["messages"] = new JsonArray([.. violations.Select(v => (JsonNode)$"[ERROR] {v.Rule} [json-pointer:{v.Location}]")]) },
        };
    }

    private static IEnumerable<(string Pointer, string Rule)> AckPayload(JsonNode? payload, string at, string? envelopeType, string? interactionType)
    {
        if (payload is not JsonObject body)
        {
            yield return (at, "an acknowledgement's payload is a JSON object (docs: Socket Mode)");
            yield break;
        }

        if (body.Count == 0)
        {
            yield break;
        }

        IEnumerable<(string Pointer, string Rule)> rules = (envelopeType, interactionType) switch
        {
            ("events_api", _) => [(at, "an events_api envelope takes no response payload (docs: Socket Mode)")],
            ("slash_commands", _) => Reply(body, at, responseUrl: false),
            ("interactive", "view_submission") => ResponseAction(body, at),
            ("interactive", "block_actions" or "view_closed" or "shortcut" or "message_action") =>
                [(at, $"a {interactionType} payload is acknowledged empty; answer through its response_url or the Web API (docs: Handling user interaction)")],
            _ => [],
        };
        foreach (var rule in rules)
        {
            yield return rule;
        }
    }

    /// <summary>The answer to a view submission: <c>response_action</c> errors, update, push or clear (docs: Modals, responding to view_submission).</summary>
    private static IEnumerable<(string Pointer, string Rule)> ResponseAction(JsonObject body, string at)
    {
        switch (Text(body["response_action"]))
        {
            case "errors":
                if (body["errors"] is not JsonObject errors || errors.Count == 0)
                {
                    yield return (at + "/errors", "response_action errors needs an errors object of block_id to message (docs: Modals)");
                    yield break;
                }

                foreach (var (blockId, message) in errors)
                {
                    if (Text(message) is null)
                    {
                        yield return ($"{at}/errors/{blockId}", "each error is a string shown under its input block (docs: Modals)");
                    }
                }

                break;
            case "update" or "push":
                foreach (var rule in BlockKit.View(body["view"], at + "/view"))
                {
                    yield return rule;
                }

                break;
            case "clear":
                break;
            case var other:
                yield return (at + "/response_action", $"response_action is errors, update, push or clear, not \"{other}\" (docs: Modals)");
                break;
        }
    }

    /// <summary>A message given as an acknowledgement or a response_url post.</summary>
    private static IEnumerable<(string Pointer, string Rule)> Reply(JsonObject body, string at, bool responseUrl)
    {
        foreach (var rule in Message(body, at))
        {
            yield return rule;
        }

        if (Text(body["response_type"]) is { } type && type is not ("ephemeral" or "in_channel"))
        {
            yield return (at + "/response_type", $"response_type is ephemeral or in_channel, not \"{type}\" (docs: Handling slash commands)");
        }

        foreach (var flag in new[] { "replace_original", "delete_original" })
        {
            if (body[flag] is { } value && Flag(value) is null)
            {
                yield return ($"{at}/{flag}", $"{flag} is a boolean (docs: Handling user interaction)");
            }

            if (!responseUrl && body[flag] is not null)
            {
                yield return ($"{at}/{flag}", $"{flag} belongs to response_url posts, not acknowledgements (docs: Handling user interaction)");
            }
        }
    }

    private static IEnumerable<(string Pointer, string Rule)> Message(JsonObject body, string at)
    {
        foreach (var rule in Limit(Text(body["text"]), at + "/text"))
        {
            yield return rule;
        }

        if (Length(body["markdown_text"]) > 12000)
        {
            yield return (at + "/markdown_text", $"markdown_text is at most 12,000 characters, not {Length(body["markdown_text"])} (docs: chat.postMessage)");
        }

        if (body["markdown_text"] is not null && (body["text"] is not null || body["blocks"] is not null))
        {
            yield return (at + "/markdown_text", "markdown_text cannot be sent with text or blocks (docs: chat.postMessage, markdown_text_conflict)");
        }

        foreach (var rule in BlockKit.Blocks(body["blocks"], at + "/blocks", BlockKit.MessageBlocks))
        {
            yield return rule;
        }
    }

    private static IEnumerable<(string Pointer, string Rule)> Upload(JsonObject arguments)
    {
        foreach (var rule in Limit(Text(arguments["initial_comment"]), "/initial_comment"))
        {
            yield return rule;
        }

        foreach (var rule in BlockKit.Blocks(arguments["blocks"], "/blocks", BlockKit.MessageBlocks))
        {
            yield return rule;
        }
    }

    private static IEnumerable<(string Pointer, string Rule)> Limit(string? text, string at) =>
        Length(text) > TextLimit ? [(at, $"message text is at most 40,000 characters, not {Length(text)} (docs: chat.postMessage)")] : [];
}
