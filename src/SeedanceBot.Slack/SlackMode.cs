namespace SeedanceBot.Slack;

/// <summary>How Slack reaches the bot.</summary>
public enum SlackMode
{
    /// <summary>The bot opens a WebSocket to Slack: no public URL needed (behind NAT, on a laptop).</summary>
    SocketMode,

    /// <summary>Slack POSTs signed requests to <c>/slack/commands</c> and <c>/slack/interactions</c>.</summary>
    Http,
}
