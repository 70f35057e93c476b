using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SeedanceBot.Core.Chat;

namespace SeedanceBot.Playground;

/// <summary>
/// The page's JSON: web defaults, enums as camelCase names. Source-generated (<see cref="PlaygroundJsonContext"/>), so
/// the Native AOT image behaves as the tests do.
/// </summary>
internal static class PlaygroundJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters =
        {
            new JsonStringEnumConverter<PlaygroundAuthorKind>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<ChatTone>(JsonNamingPolicy.CamelCase),
        },
        TypeInfoResolver = PlaygroundJsonContext.Default,
    };

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}

/// <summary>What <c>POST /playground/api/commands</c> answers: the person's message, the bot's reply and the job it made.</summary>
internal sealed record CommandAnswer(PlaygroundMessage Command, PlaygroundMessage? Reply, string? JobId);

/// <summary>A refused request's body: <c>{"error": "..."}</c>.</summary>
internal sealed record ErrorAnswer(string Error);

[JsonSerializable(typeof(PlaygroundEndpoints.CommandInput))]
[JsonSerializable(typeof(PlaygroundEndpoints.ImageInput))]
[JsonSerializable(typeof(PlaygroundEndpoints.ActionInput))]
[JsonSerializable(typeof(CommandAnswer))]
[JsonSerializable(typeof(ErrorAnswer))]
[JsonSerializable(typeof(PlaygroundMessage))]
[JsonSerializable(typeof(IEnumerable<PlaygroundMessage>))]
internal sealed partial class PlaygroundJsonContext : JsonSerializerContext;
