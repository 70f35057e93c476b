using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SeedanceBot.Slack.Adapter;
using SeedanceBot.Slack.Events;

namespace SeedanceBot.Slack.Contracts;

/// <summary>
/// Slack's wire format: snake_case, nulls left out (an explicit null means "use the default" to Slack). Every type read
/// or written is source-generated (<see cref="SlackJsonContext"/>): no reflection, so the Native AOT image behaves as
/// the tests do.
/// </summary>
internal static class SlackJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        TypeInfoResolver = SlackJsonContext.Default,
    };

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Info<T>());
}

[JsonSerializable(typeof(SlashCommand))]
[JsonSerializable(typeof(InteractivePayload))]
[JsonSerializable(typeof(SocketFrame))]
[JsonSerializable(typeof(SlackMessage))]
[JsonSerializable(typeof(SlackResponse))]
[JsonSerializable(typeof(ConnectionUrl))]
[JsonSerializable(typeof(PostedMessage))]
[JsonSerializable(typeof(UploadTicket))]
[JsonSerializable(typeof(UserInfo))]
[JsonSerializable(typeof(OpenedConversation))]
[JsonSerializable(typeof(ThreadReplies))]
[JsonSerializable(typeof(SlackResultHandle))]
[JsonSerializable(typeof(SlackReplyContext))]
[JsonSerializable(typeof(VideoModalMetadata))]
[JsonSerializable(typeof(ContinueModalMetadata))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
