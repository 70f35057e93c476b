namespace SeedanceBot.Discord;

/// <summary>How interactions reach the bot.</summary>
public enum DiscordMode
{
    /// <summary>A WebSocket to Discord's Gateway: works behind NAT, no public URL needed.</summary>
    Gateway,

    /// <summary>Discord POSTs interactions to <c>/discord/interactions</c> (needs a public https URL).</summary>
    Http,
}
