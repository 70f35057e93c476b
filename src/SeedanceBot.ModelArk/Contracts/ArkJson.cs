using System.Text.Json;
using System.Text.Json.Serialization;

namespace SeedanceBot.ModelArk.Contracts;

/// <summary>Ark's wire format: snake_case, nulls left out.</summary>
internal static class ArkJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
