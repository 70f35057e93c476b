using System.Text.Json;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Adapter;

/// <summary>
/// What a job keeps (as <c>BotJob.ReplyContext</c>) to answer on Discord later: the interaction's id and token (valid
/// 15 minutes from <see cref="ReceivedAt"/>), the application id and the upload limit Discord reported.
/// </summary>
internal sealed record DiscordReplyContext(string InteractionId, string ApplicationId, string Token, DateTimeOffset ReceivedAt, long? AttachmentSizeLimit)
{
    /// <summary>Discord's interaction token lifetime, less a margin for the request in flight.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(30);

    public bool TokenValidAt(DateTimeOffset now) => now - ReceivedAt < TokenLifetime;

    public string Serialize() => DiscordJson.Serialize(this);

    public static DiscordReplyContext? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, DiscordJson.Info<DiscordReplyContext>());
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
