using System.Text.Json.Nodes;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Rest;

/// <summary>The REST routes the bot uses. Interaction routes authenticate by their token; the rest with the bot token.</summary>
internal interface IDiscordRest
{
    Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken);

    Task RespondAsync(string interactionId, string token, InteractionCallback callback, CancellationToken cancellationToken);

    Task<DiscordMessage> EditOriginalAsync(string applicationId, string token, MessagePayload message, DiscordFile? file, CancellationToken cancellationToken);

    Task DeleteOriginalAsync(string applicationId, string token, CancellationToken cancellationToken);

    Task<DiscordMessage> FollowUpAsync(string applicationId, string token, MessagePayload message, DiscordFile? file, CancellationToken cancellationToken);

    /// <summary>A follow-up with several files (<c>files[0]</c>, <c>files[1]</c>, ... in one multipart body).</summary>
    Task<DiscordMessage> FollowUpWithFilesAsync(string applicationId, string token, MessagePayload message, IReadOnlyList<DiscordFile> files, CancellationToken cancellationToken);

    Task<DiscordMessage> EditFollowUpAsync(string applicationId, string token, string messageId, MessagePayload message, CancellationToken cancellationToken);

    Task DeleteFollowUpAsync(string applicationId, string token, string messageId, CancellationToken cancellationToken);

    Task<DiscordMessage> CreateMessageAsync(string channelId, MessagePayload message, DiscordFile? file, CancellationToken cancellationToken);

    Task<DiscordMessage> EditMessageAsync(string channelId, string messageId, MessagePayload message, CancellationToken cancellationToken);

    Task DeleteMessageAsync(string channelId, string messageId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DiscordMessage>> GetMessagesAfterAsync(string channelId, string afterMessageId, int limit, CancellationToken cancellationToken);

    Task<DiscordChannel> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken);

    Task<JsonArray> GetCommandsAsync(string applicationId, string? guildId, CancellationToken cancellationToken);

    Task PutCommandsAsync(string applicationId, string? guildId, JsonArray commands, CancellationToken cancellationToken);
}
