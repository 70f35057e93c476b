namespace SeedanceBot.Discord.Gateway;

/// <summary>What a Gateway close code means for the next step.</summary>
internal static class GatewayCloseCodes
{
    public const int AuthenticationFailed = 4004;
    public const int InvalidSequence = 4007;
    public const int SessionTimedOut = 4009;

    /// <summary>4004 bad token, 4010 invalid shard, 4011 sharding required, 4012 bad version, 4013/4014 intents: stop.</summary>
    public static bool IsFatal(int? code) => code is AuthenticationFailed or (>= 4010 and <= 4014);

    /// <summary>The session cannot be resumed: identify anew.</summary>
    public static bool EndsSession(int? code) => code is InvalidSequence or SessionTimedOut;

    public static string Describe(int? code) => code switch
    {
        AuthenticationFailed => "authentication failed: Discord:Token is wrong or was reset",
        4010 => "invalid shard",
        4011 => "sharding required: the bot is in too many guilds for one connection",
        4012 => "invalid API version",
        4013 => "invalid intents",
        4014 => "disallowed intents: enable them in the developer portal or stop asking for them",
        null => "no close code",
        _ => "close code " + code,
    };
}
