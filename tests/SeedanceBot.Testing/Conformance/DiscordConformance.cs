using System.Text.Json;
using System.Text.Json.Nodes;
using SeedanceBot.Testing.Discord;

namespace SeedanceBot.Testing.Conformance;

/// <summary>
/// Checks what the bot sends Discord: a REST body against the request-body schema of its route in Discord's OpenAPI
/// spec (<see cref="DiscordOpenApi"/>) plus the documented limits the spec leaves out (<see cref="DiscordLimits"/>);
/// an interaction response given as an HTTP response body the same way as the callback route; Gateway payloads against
/// the Gateway's rules. Multipart bodies are checked through their <c>payload_json</c> part, and each attachment they
/// declare must have its <c>files[n]</c> part.
/// </summary>
public static class DiscordConformance
{
    public const string CallbackRoute = "POST /interactions/{interaction_id}/{interaction_token}/callback";
    public const string HttpResponseRoute = "HTTP response to POST /discord/interactions";
    public const string GatewayRoute = "Gateway";

    private static readonly HashSet<long> ClientOpcodes = [1, 2, 3, 4, 6, 8, 31];

    /// <summary>A REST request as it arrived (<paramref name="path"/> below <c>/api/v10</c>, no query).</summary>
    public static IReadOnlyList<PayloadViolation> CheckRequest(string method, string path, string? contentType, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length == 0)
        {
            return [];
        }

        var route = DiscordOpenApi.Instance.RouteOf(method, path);
        if (route is null)
        {
            return [new PayloadViolation(method + " " + path, string.Empty, "Discord's OpenAPI spec has no route that takes a JSON body here")];
        }

        return Check(route, route, contentType, body);
    }

    /// <summary>The bot's answer to an interaction in HTTP mode: the callback's body, returned as the response.</summary>
    public static IReadOnlyList<PayloadViolation> CheckInteractionResponse(string? contentType, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length == 0)
        {
            return [new PayloadViolation(HttpResponseRoute, string.Empty, "an interaction must be answered with a callback body (docs: Receiving an Interaction)")];
        }

        if (contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true && contentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
        {
            return [new PayloadViolation(HttpResponseRoute, string.Empty, $"the response is {contentType ?? "untyped"}, not application/json (docs: Receiving an Interaction)")];
        }

        return Check(CallbackRoute, HttpResponseRoute, contentType, body);
    }

    /// <summary>One frame the bot sent on the Gateway (docs: Gateway; Sending Events).</summary>
    public static IReadOnlyList<PayloadViolation> CheckGatewayPayload(ReadOnlySpan<byte> frame)
    {
        var violations = new List<PayloadViolation>();
        if (frame.Length > 4096)
        {
            violations.Add(new PayloadViolation(GatewayRoute, string.Empty, $"a Gateway payload is at most 4,096 bytes, not {frame.Length} (docs: Sending Events)"));
        }

        JsonObject? payload;
        try
        {
            payload = JsonNode.Parse(frame) as JsonObject;
        }
        catch (JsonException)
        {
            payload = null;
        }

        if (payload is null)
        {
            violations.Add(new PayloadViolation(GatewayRoute, string.Empty, "a Gateway payload is a JSON object (docs: Gateway Events)"));
            return violations;
        }

        var op = JsonRead.Integer(payload["op"]);
        if (op is null || !ClientOpcodes.Contains(op.Value) || payload["op"] is not JsonValue opValue || opValue.GetValueKind() != JsonValueKind.Number)
        {
            violations.Add(new PayloadViolation(GatewayRoute, "/op", $"op {payload["op"]?.ToJsonString() ?? "(none)"} is not an opcode a client sends (docs: Gateway Opcodes)"));
            return violations;
        }

        var data = payload["d"];
        var missing = op switch
        {
            1 when data is not null && JsonRead.Integer(data) is null => "d (the last sequence number or null)",
            2 when data is not JsonObject identify || JsonRead.Text(identify["token"]) is null || JsonRead.Integer(identify["intents"]) is null || identify["properties"] is not JsonObject => "d.token, d.intents and d.properties",
            6 when data is not JsonObject resume || JsonRead.Text(resume["token"]) is null || JsonRead.Text(resume["session_id"]) is null || resume["seq"] is null => "d.token, d.session_id and d.seq",
            _ => null,
        };
        if (missing is not null)
        {
            violations.Add(new PayloadViolation(GatewayRoute, "/d", $"op {op} needs {missing} (docs: Gateway Events)"));
        }

        return violations;
    }

    /// <summary>Discord's answer to a body that breaks its rules: HTTP 400 with error code 50035 and the errors by field.</summary>
    public static JsonObject InvalidFormBody(IEnumerable<PayloadViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var errors = new JsonObject();
        foreach (var violation in violations)
        {
            var at = errors;
            foreach (var segment in violation.Location.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var key = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                at = at[key] as JsonObject ?? (JsonObject)(at[key] = new JsonObject());
            }

            var list = at["_errors"] as JsonArray ?? (JsonArray)(at["_errors"] = new JsonArray());
            list.Add(new JsonObject { ["code"] = "BASE_TYPE_INVALID", ["message"] = violation.Rule });
        }

        return new JsonObject { ["code"] = 50035, ["message"] = "Invalid Form Body", ["errors"] = errors };
    }

    private static List<PayloadViolation> Check(string route, string label, string? contentType, byte[] body)
    {
        var violations = new List<PayloadViolation>();
        byte[] json = body;
        IReadOnlyList<FakeMultipartPart>? parts = null;
        if (contentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            parts = FakeMultipart.Parse(contentType, body);
            if (parts.SingleOrDefault(p => p.Name == "payload_json") is not { } payload)
            {
                return [new PayloadViolation(label, string.Empty, "a multipart body carries its JSON in one payload_json part (docs: Uploading Files)")];
            }

            json = payload.Content;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return [new PayloadViolation(label, string.Empty, "the body is not valid JSON (Discord: 50109)")];
        }

        if (node is null)
        {
            return [new PayloadViolation(label, string.Empty, "the body is JSON null")];
        }

        using (var document = JsonDocument.Parse(json))
        {
            violations.AddRange(DiscordOpenApi.Instance.Validate(route, document.RootElement).Select(v => v with { Route = label }));
        }

        violations.AddRange(DiscordLimits.ForRoute(route, node).Select(r => new PayloadViolation(label, r.Pointer, r.Rule)));
        if (parts is not null)
        {
            var attachments = route == CallbackRoute ? node["data"]?["attachments"] : node["attachments"];
            var prefix = route == CallbackRoute ? "/data/attachments" : "/attachments";
            foreach (var (i, attachment) in JsonRead.Objects(attachments))
            {
                var id = JsonRead.Integer(attachment["id"]);
                if (id is not null && !parts.Any(p => p.Name == $"files[{id}]"))
                {
                    violations.Add(new PayloadViolation(label, $"{prefix}/{i}/id", $"attachment {id} has no files[{id}] part (docs: Uploading Files)"));
                }
            }

            foreach (var file in parts.Where(p => p.Name.StartsWith("files[", StringComparison.Ordinal)))
            {
                if (string.IsNullOrEmpty(file.FileName))
                {
                    violations.Add(new PayloadViolation(label, string.Empty, $"the {file.Name} part needs a filename (docs: Uploading Files)"));
                }
            }
        }

        return violations;
    }
}
