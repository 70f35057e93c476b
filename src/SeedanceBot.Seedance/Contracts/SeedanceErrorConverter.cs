using System.Text.Json;
using System.Text.Json.Serialization;

namespace SeedanceBot.Seedance.Contracts;

/// <summary>Reads <c>error</c> as a string or as an object; unknown members are skipped.</summary>
internal sealed class SeedanceErrorConverter : JsonConverter<SeedanceError>
{
    public override SeedanceError? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new SeedanceError(reader.GetString() ?? string.Empty);
            case JsonTokenType.StartObject:
                break;
            default:
                reader.Skip();
                return new SeedanceError("The API reported an error it did not describe.");
        }

        string? code = null;
        string? message = null;
        var details = new List<SeedanceFieldError>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "code" when reader.TokenType is JsonTokenType.String or JsonTokenType.Number:
                    code = reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "message" when reader.TokenType == JsonTokenType.String:
                    message = reader.GetString();
                    break;
                case "details" when reader.TokenType == JsonTokenType.StartArray:
                    ReadDetails(ref reader, details);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new SeedanceError(code, message ?? code ?? "The API reported an error it did not describe.", details);
    }

    public override void Write(Utf8JsonWriter writer, SeedanceError value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Code is not null)
        {
            writer.WriteString("code", value.Code);
        }

        writer.WriteString("message", value.Message);
        writer.WriteStartArray("details");
        foreach (var detail in value.Details)
        {
            writer.WriteStartObject();
            writer.WriteString("field", detail.Field);
            writer.WriteString("message", detail.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void ReadDetails(ref Utf8JsonReader reader, List<SeedanceFieldError> details)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? field = null;
            string? message = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "field" && reader.TokenType == JsonTokenType.String)
                {
                    field = reader.GetString();
                }
                else if (name == "message" && reader.TokenType == JsonTokenType.String)
                {
                    message = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            details.Add(new SeedanceFieldError(field ?? string.Empty, message ?? "is invalid"));
        }
    }
}
