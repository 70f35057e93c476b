using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using SeedanceBot.Testing.Fixtures;

namespace SeedanceBot.Testing.Conformance;

/// <summary>
/// Discord's official OpenAPI 3.1 spec (Fixtures/discord-openapi/openapi.json) as JSON Schema 2020-12, read the way
/// its README says to read it:
/// <list type="bullet">
/// <item>an int-parseable string is accepted wherever the spec says integer ("our API accepts strings for int fields if
/// they are parseable as ints"), including integer <c>const</c>/<c>enum</c> values;</item>
/// <item><c>oneOf</c> means exactly one shape; an <c>anyOf</c> marked <c>x-discord-union: oneOf</c> ("we use anyOf when
/// we technically can't use oneOf ... when the passed in data could be validated with more than one format") means one
/// of the shapes and not a mix: a body matching one shape may not carry a field only another shape declares;</item>
/// <item>where Discord's docs and the spec disagree, the docs win: an upload's <c>attachments[].id</c> is the integer
/// index of its <c>files[n]</c> part (the docs' own example sends <c>"id": 0</c>; the spec types it as a snowflake
/// string).</item>
/// </list>
/// <c>$ref</c>s into <c>#/components/schemas</c> resolve inside one document; each route's request body schema is
/// built on first use.
/// </summary>
internal sealed class DiscordOpenApi
{
    private const string DocumentUri = "https://seedancebot.test/discord-openapi.json";
    private const string ComponentsPrefix = "#/components/schemas/";
    private static readonly Lazy<DiscordOpenApi> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly HashSet<string> SchemaMaps = ["properties", "patternProperties", "$defs", "dependentSchemas"];
    private static readonly HashSet<string> SchemaLists = ["allOf", "anyOf", "oneOf", "prefixItems"];
    private static readonly HashSet<string> SchemaValues =
        ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties"];

    private readonly IReadOnlyList<RouteTemplate> _routes;
    private readonly BuildOptions _build;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly Lock _building = new();

    private DiscordOpenApi(IReadOnlyList<RouteTemplate> routes, BuildOptions build)
    {
        _routes = routes;
        _build = build;
    }

    public static DiscordOpenApi Instance => Shared.Value;

    /// <summary>The spec's route for a request ("POST /channels/{channel_id}/messages"), or null when the spec has none with a JSON body.</summary>
    public string? RouteOf(string method, string path)
    {
        var segments = path.Split('?', 2)[0].Trim('/').Split('/');
        RouteTemplate? best = null;
        var bestLiterals = -1;
        foreach (var route in _routes)
        {
            if (!route.Method.Equals(method, StringComparison.OrdinalIgnoreCase) || route.Segments.Length != segments.Length)
            {
                continue;
            }

            var literals = 0;
            var matches = true;
            for (var i = 0; i < segments.Length && matches; i++)
            {
                var part = route.Segments[i];
                if (part.StartsWith('{'))
                {
                    matches = segments[i].Length > 0;
                }
                else
                {
                    matches = part == segments[i];
                    literals++;
                }
            }

            if (matches && literals > bestLiterals)
            {
                best = route;
                bestLiterals = literals;
            }
        }

        return best?.Key;
    }

    /// <summary>Checks <paramref name="body"/> against the request-body schema of <paramref name="route"/> (a key from <see cref="RouteOf"/>).</summary>
    public IReadOnlyList<PayloadViolation> Validate(string route, JsonElement body)
    {
        var schema = SchemaFor(route);
        var results = schema.Evaluate(body, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (results.IsValid)
        {
            return [];
        }

        return [.. SchemaErrors.From(results).Select(e => new PayloadViolation(route, e.Pointer, "OpenAPI: " + e.Message))];
    }

    private JsonSchema SchemaFor(string route)
    {
        if (_schemas.TryGetValue(route, out var built))
        {
            return built;
        }

        var template = _routes.Single(r => r.Key == route);
        lock (_building)
        {
            if (!_schemas.TryGetValue(route, out built))
            {
                // The built schema keeps reading the document's elements: the document lives as long as the schema.
                var wrapper = JsonDocument.Parse(new JsonObject { ["$ref"] = DocumentUri + "#/$defs/" + template.Definition }.ToJsonString());
                built = JsonSchema.Build(wrapper.RootElement, _build, new Uri("https://seedancebot.test/route/" + template.Definition));
                _schemas[route] = built;
            }
        }

        return built;
    }

    private static DiscordOpenApi Load()
    {
        var spec = JsonNode.Parse(RepoFixtures.Read("discord-openapi/openapi.json"))!.AsObject();
        var originals = spec["components"]!["schemas"]!.AsObject();
        var defs = new JsonObject();
        foreach (var (name, schema) in originals)
        {
            defs[name] = Transform(schema, originals);
        }

        // Docs over spec: an upload's attachment id is the integer index of its files[n] part.
        defs["MessageAttachmentRequest"]!["properties"]!["id"] = new JsonObject
        {
            ["anyOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/$defs/SnowflakeType" }, new JsonObject { ["type"] = "integer", ["minimum"] = 0 }),
        };

        var routes = new List<RouteTemplate>();
        foreach (var (path, item) in spec["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation is not JsonObject || operation["requestBody"]?["content"]?["application/json"]?["schema"] is not { } schema)
                {
                    continue;
                }

                var definition = "route_" + routes.Count.ToString(CultureInfo.InvariantCulture);
                defs[definition] = Transform(schema, originals);
                var upper = method.ToUpperInvariant();
                routes.Add(new RouteTemplate(upper, path, path.Trim('/').Split('/'), upper + " " + path, definition));
            }
        }

        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = DocumentUri,
            ["$defs"] = defs,
        };
        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var parsed = JsonDocument.Parse(document.ToJsonString());
        JsonSchema.Build(parsed.RootElement, build, new Uri(DocumentUri));
        return new DiscordOpenApi(routes, build);
    }

    /// <summary>One schema from the spec, made plain JSON Schema (see the class remarks).</summary>
    private static JsonNode? Transform(JsonNode? node, JsonObject originals)
    {
        if (node is not JsonObject source)
        {
            return node?.DeepClone();
        }

        var schema = new JsonObject();
        foreach (var (key, value) in source)
        {
            schema[key] = key switch
            {
                "$ref" when value?.GetValue<string>() is { } target && target.StartsWith(ComponentsPrefix, StringComparison.Ordinal) =>
                    "#/$defs/" + target[ComponentsPrefix.Length..],
                _ when SchemaMaps.Contains(key) && value is JsonObject map =>
                    new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, Transform(p.Value, originals)))),
                _ when SchemaLists.Contains(key) && value is JsonArray list =>
                    new JsonArray([.. list.Select(s => Transform(s, originals))]),
                _ when SchemaValues.Contains(key) => Transform(value, originals),
                _ => value?.DeepClone(),
            };
        }

        AcceptIntegerStrings(schema);
        if (source["anyOf"] is JsonArray branches && (string?)source["x-discord-union"] == "oneOf")
        {
            schema["anyOf"] = WithoutMixing(branches, schema["anyOf"]!.AsArray(), originals);
        }

        return schema;
    }

    private static void AcceptIntegerStrings(JsonObject schema)
    {
        var types = schema["type"] switch
        {
            JsonValue one => [one.GetValue<string>()],
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
            _ => new List<string>(),
        };
        if (types.Contains("integer") && !types.Contains("string"))
        {
            types.Add("string");
            schema["type"] = new JsonArray([.. types.Select(t => (JsonNode)t)]);
            schema["pattern"] ??= "^-?[0-9]+$";
        }

        if (schema["const"] is JsonValue constant && IsInteger(constant))
        {
            schema.Remove("const");
            schema["enum"] = new JsonArray(constant.DeepClone(), constant.ToJsonString());
        }

        if (schema["enum"] is JsonArray values && values.Any(v => v is JsonValue value && IsInteger(value)))
        {
            schema["enum"] = new JsonArray([.. values.Select(v => v?.DeepClone()), .. values.OfType<JsonValue>().Where(IsInteger).Select(v => (JsonNode)v.ToJsonString())]);
        }
    }

    private static bool IsInteger(JsonValue value) => value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out _);

    /// <summary>Each branch of an x-discord-union anyOf, forbidding the fields that only the other branches declare.</summary>
    private static JsonArray WithoutMixing(JsonArray originalBranches, JsonArray branches, JsonObject originals)
    {
        var declared = originalBranches.Select(b => PropertiesOf(b, originals, depth: 0)).ToList();
        if (declared.Any(d => d is null))
        {
            return branches;
        }

        var guarded = new JsonArray();
        for (var i = 0; i < branches.Count; i++)
        {
            var own = declared[i]!;
            var foreign = declared.Where((_, j) => j != i).SelectMany(d => d!).Where(p => !own.Contains(p)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var branch = branches[i]!.DeepClone();
            guarded.Add(foreign.Count == 0
                ? branch
                : new JsonObject
                {
                    ["allOf"] = new JsonArray(branch, new JsonObject
                    {
                        ["properties"] = new JsonObject(foreign.Select(p => KeyValuePair.Create(p, (JsonNode?)JsonValue.Create(false)))),
                    }),
                });
        }

        return guarded;
    }

    private static HashSet<string>? PropertiesOf(JsonNode? schema, JsonObject originals, int depth)
    {
        if (schema is not JsonObject o || depth > 8)
        {
            return null;
        }

        if ((string?)o["$ref"] is { } target && target.StartsWith(ComponentsPrefix, StringComparison.Ordinal))
        {
            return PropertiesOf(originals[target[ComponentsPrefix.Length..]], originals, depth + 1);
        }

        HashSet<string>? names = o["properties"] is JsonObject properties ? [.. properties.Select(p => p.Key)] : null;
        foreach (var part in o["allOf"] as JsonArray ?? [])
        {
            if (PropertiesOf(part, originals, depth + 1) is { } more)
            {
                names ??= [];
                names.UnionWith(more);
            }
        }

        return names;
    }

    private sealed record RouteTemplate(string Method, string Path, string[] Segments, string Key, string Definition);
}
