namespace SeedanceBot.Slack.SocketMode;

/// <summary>Why a Socket Mode connection is being left.</summary>
internal enum LinkEnd
{
    /// <summary>Slack asked for a new connection (<c>warning</c>, <c>refresh_requested</c> or a reason the bot does not know).</summary>
    Refresh,

    /// <summary>Too many connections: close this one before opening the next.</summary>
    TooMany,

    /// <summary>Socket Mode was turned off for the app (<c>link_disabled</c>).</summary>
    Disabled,

    /// <summary>The socket closed or failed without a <c>disconnect</c>.</summary>
    Closed,
}
