namespace SeedanceBot.Discord.Gateway;

/// <summary>Where the Gateway connection stands (for readiness and logs).</summary>
public enum GatewayStatus
{
    Disconnected,
    Connecting,
    Ready,

    /// <summary>Stopped for good after a fatal close code (bad token, disallowed intents...).</summary>
    Stopped,
}
