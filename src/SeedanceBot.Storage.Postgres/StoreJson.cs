using System.Text.Json;
using System.Text.Json.Serialization;

namespace SeedanceBot.Storage.Postgres;

/// <summary>How Core's records are written into rows: the same JSON as the LiteDB store writes, so a migration copies it as it is.</summary>
internal static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidDataException("A stored row holds JSON null.");
}
