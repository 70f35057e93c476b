using System.Text.Json;
using System.Text.Json.Serialization;

namespace SeedanceBot.Slack.Contracts;

/// <summary>Slack's wire format: snake_case, nulls left out (an explicit null means "use the default" to Slack).</summary>
internal static class SlackJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
