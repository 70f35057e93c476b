using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeedanceBot.Testing.Conformance;

/// <summary>Lenient reads of a body's fields for the limit checks (a wrong type is the schema's business, not theirs).</summary>
internal static class JsonRead
{
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>An integer, or an int-parseable string (Discord accepts both).</summary>
    public static long? Integer(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) => number,
        JsonValue value when value.GetValueKind() == JsonValueKind.String && long.TryParse(value.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static bool? Flag(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    public static IEnumerable<(int Index, JsonObject Item)> Objects(JsonNode? node) =>
        (node as JsonArray ?? []).Select((item, i) => (i, item as JsonObject)).Where(x => x.Item2 is not null).Select(x => (x.i, x.Item2!));

    public static int Count(JsonNode? node) => (node as JsonArray)?.Count ?? 0;

    /// <summary>Characters as people count them: Unicode scalar values (an emoji outside the BMP is one).</summary>
    public static int Length(string? text) => text?.EnumerateRunes().Count() ?? 0;

    public static int Length(JsonNode? node) => Length(Text(node));
}
