namespace SeedanceBot.Discord.Contracts;

/// <summary>An interaction as Discord sends it over the Gateway (INTERACTION_CREATE) or to the HTTP endpoint.</summary>
internal sealed record Interaction(
    string Id,
    string ApplicationId,
    int Type,
    string Token,
    InteractionData? Data = null,
    string? GuildId = null,
    string? ChannelId = null,
    DiscordMember? Member = null,
    DiscordUser? User = null,
    DiscordMessage? Message = null,
    long? AttachmentSizeLimit = null)
{
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int Autocomplete = 4;
    public const int ModalSubmit = 5;

    /// <summary>The caller: the member's user in a guild, the user in a DM.</summary>
    public DiscordUser? Caller => Member?.User ?? User;
}
