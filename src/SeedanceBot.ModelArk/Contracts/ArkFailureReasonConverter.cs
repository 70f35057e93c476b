using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SeedanceBot.ModelArk.Contracts;

/// <summary>
/// Reads a list item's failure reason: <c>{code, message}</c> as the spec gives it, or, leniently, a bare string (a code
/// such as <c>OutputVideoSensitiveContentDetected</c> when it has no spaces, otherwise a message). Anything else is
/// read as no reason, so that one odd item cannot fail the list call every running job's poll shares.
/// </summary>
internal sealed class ArkFailureReasonConverter : JsonConverter<ArkTaskError?>
{
    public override bool HandleNull => true;

    public override ArkTaskError? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                string? code = null, message = null, param = null, type = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString();
                    reader.Read();
                    var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                    switch (name)
                    {
                        case "code":
                            code = value;
                            break;
                        case "message":
                            message = value;
                            break;
                        case "param":
                            param = value;
                            break;
                        case "type":
                            type = value;
                            break;
                    }
                }

                return new ArkTaskError(code, message, param, type);
            case JsonTokenType.String:
                var text = reader.GetString()?.Trim();
                return string.IsNullOrEmpty(text) ? null
                    : text.Any(char.IsWhiteSpace) ? new ArkTaskError(null, text)
                    : new ArkTaskError(text, null);
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, ArkTaskError? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        JsonSerializer.Serialize(writer, value, (JsonTypeInfo<ArkTaskError>)options.GetTypeInfo(typeof(ArkTaskError)));
    }
}
