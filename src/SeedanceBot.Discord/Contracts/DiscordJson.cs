using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SeedanceBot.Discord.Adapter;

namespace SeedanceBot.Discord.Contracts;

/// <summary>
/// Discord's wire format: snake_case, nulls left out, numbers as Discord sends them. Every type read or written is
/// source-generated (<see cref="DiscordJsonContext"/>): no reflection, so the Native AOT image behaves as the tests do.
/// </summary>
internal static class DiscordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        TypeInfoResolver = DiscordJsonContext.Default,
    };

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Info<T>());
}

[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(InteractionCallback))]
[JsonSerializable(typeof(AutocompleteData))]
[JsonSerializable(typeof(ModalData))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(DiscordMessage))]
[JsonSerializable(typeof(List<DiscordMessage>))]
[JsonSerializable(typeof(DiscordChannel))]
[JsonSerializable(typeof(DirectMessageRequest))]
[JsonSerializable(typeof(DiscordError))]
[JsonSerializable(typeof(GatewayBotInfo))]
[JsonSerializable(typeof(DiscordReplyContext))]
[JsonSerializable(typeof(JsonArray))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;
