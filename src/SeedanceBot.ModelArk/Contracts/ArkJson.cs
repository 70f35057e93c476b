using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SeedanceBot.ModelArk.Contracts;

/// <summary>
/// Ark's wire format: snake_case, nulls left out. Every type read or written is source-generated
/// (<see cref="ArkJsonContext"/>): no reflection, so the Native AOT image behaves as the tests do.
/// </summary>
internal static class ArkJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        TypeInfoResolver = ArkJsonContext.Default,
    };

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}

[JsonSerializable(typeof(ArkCreateTask))]
[JsonSerializable(typeof(ArkCreated))]
[JsonSerializable(typeof(ArkTask))]
[JsonSerializable(typeof(ArkTaskList))]
[JsonSerializable(typeof(ArkErrorBody))]
[JsonSerializable(typeof(ArkTaskError))]
internal sealed partial class ArkJsonContext : JsonSerializerContext;
