namespace SeedanceBot.Slack.SocketMode;

/// <summary>Where the Socket Mode client stands (for readiness checks).</summary>
public enum SocketModeStatus
{
    Connecting,
    Connected,

    /// <summary>Slack refused the token or disabled Socket Mode: the client does not retry.</summary>
    Stopped,
}
