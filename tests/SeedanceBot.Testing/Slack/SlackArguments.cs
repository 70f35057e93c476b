using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeedanceBot.Testing.Slack;

/// <summary>
/// The arguments of one Web API call, read the way Slack reads them: from a JSON object body, or from the query
/// string plus a form body, where JSON-valued arguments (<c>blocks</c>, <c>files</c>) arrive as URL-encoded JSON strings.
/// </summary>
internal sealed class SlackArguments
{
    private readonly JsonObject? _json;
    private readonly IReadOnlyDictionary<string, string> _form;

    private SlackArguments(JsonObject? json, IReadOnlyDictionary<string, string> form)
    {
        _json = json;
        _form = form;
    }

    public bool IsJson => _json is not null;

    /// <summary>Reads the request's arguments, or names the error Slack gives for a body it cannot read.</summary>
    public static SlackArguments? TryRead(FakeSlackRequest request, out string? error)
    {
        error = null;
        if (!request.IsJson)
        {
            return new SlackArguments(null, request.Form);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(request.Body);
        }
        catch (JsonException)
        {
            error = "invalid_json";
            return null;
        }

        if (node is not JsonObject json)
        {
            error = "json_not_object";
            return null;
        }

        return new SlackArguments(json, new Dictionary<string, string>());
    }

    /// <summary>An argument as text; numbers and booleans in a JSON body read as their JSON text. Null or empty: absent.</summary>
    public string? Text(string name)
    {
        if (_json is not null)
        {
            return _json[name] switch
            {
                null => null,
                JsonValue value when value.GetValueKind() == JsonValueKind.String => Empty(value.GetValue<string>()),
                JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
                var other => other.ToJsonString(),
            };
        }

        return _form.TryGetValue(name, out var text) ? Empty(text) : null;
    }

    /// <summary>A JSON-valued argument: the node in a JSON body, or the parsed string in a form (the raw string if it is not JSON).</summary>
    public JsonNode? Node(string name)
    {
        if (_json is not null)
        {
            return _json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                ? ParseOrText(value.GetValue<string>())
                : _json[name]?.DeepClone();
        }

        return _form.TryGetValue(name, out var text) ? ParseOrText(text) : null;
    }

    /// <summary>The whole call as a JSON object (a form becomes string fields, JSON-valued ones parsed).</summary>
    public JsonObject ToPayload()
    {
        if (_json is not null)
        {
            return _json.DeepClone().AsObject();
        }

        var payload = new JsonObject();
        foreach (var (key, value) in _form)
        {
            payload[key] = key is "blocks" or "attachments" or "metadata" or "files" ? ParseOrText(value) : value;
        }

        return payload;
    }

    private static string? Empty(string text) => text.Length == 0 ? null : text;

    private static JsonNode? ParseOrText(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('[') || trimmed.StartsWith('{'))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON after all: keep the text, and let the method complain.
            }
        }

        return text;
    }
}
