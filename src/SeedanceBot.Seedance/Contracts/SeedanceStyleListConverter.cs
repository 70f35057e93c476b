using System.Text.Json;
using System.Text.Json.Serialization;

namespace SeedanceBot.Seedance.Contracts;

/// <summary>Accepts the wrapped form and a bare array; entries may be objects or plain id strings.</summary>
internal sealed class SeedanceStyleListConverter : JsonConverter<SeedanceStyleList>
{
    public override SeedanceStyleList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return new SeedanceStyleList(ReadArray(ref reader, options));
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected an object or an array of styles.");
        }

        IReadOnlyList<SeedanceStyle> styles = [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "styles" && reader.TokenType == JsonTokenType.StartArray)
            {
                styles = ReadArray(ref reader, options);
            }
            else
            {
                reader.Skip();
            }
        }

        return new SeedanceStyleList(styles);
    }

    public override void Write(Utf8JsonWriter writer, SeedanceStyleList value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("styles");
        JsonSerializer.Serialize(writer, value.Styles, SeedanceJsonContext.Default.IReadOnlyListSeedanceStyle);
        writer.WriteEndObject();
    }

    private static List<SeedanceStyle> ReadArray(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var styles = new List<SeedanceStyle>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                var id = reader.GetString()!;
                styles.Add(new SeedanceStyle(id, id, null));
                continue;
            }

            var style = JsonSerializer.Deserialize(ref reader, SeedanceJsonContext.Default.SeedanceStyle);
            if (style is { Id.Length: > 0 })
            {
                styles.Add(style);
            }
        }

        return styles;
    }
}
