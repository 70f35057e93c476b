using System.Text.Json;
using System.Text.Json.Serialization;

namespace SeedanceBot.Discord.Contracts;

/// <summary>Discord's wire format: snake_case, nulls left out, numbers as Discord sends them.</summary>
internal static class DiscordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
