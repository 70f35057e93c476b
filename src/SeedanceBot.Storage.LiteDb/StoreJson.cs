using System.Text.Json;
using System.Text.Json.Serialization;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>How Core's records are written into documents: readable enums, nothing lost on a round trip.</summary>
internal static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidDataException("A stored document holds JSON null.");
}
