using System.Net;

namespace SeedanceBot.Discord.Rest;

/// <summary>A REST call Discord refused: the HTTP status and Discord's JSON error code (e.g. 50001 Missing Access).</summary>
public sealed class DiscordApiException : Exception
{
    public const int UnknownChannel = 10003;
    public const int UnknownMessage = 10008;
    public const int UnknownWebhook = 10015;
    public const int UnknownInteraction = 10062;
    public const int MissingAccess = 50001;
    public const int CannotSendToUser = 50007;
    public const int MissingPermissions = 50013;
    public const int OldMessageEditLimit = 30046;

    public DiscordApiException(HttpStatusCode status, int code, string message)
        : base($"Discord answered {(int)status} ({code}): {message}")
    {
        Status = status;
        Code = code;
    }

    public DiscordApiException()
    {
    }

    public DiscordApiException(string message)
        : base(message)
    {
    }

    public DiscordApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode Status { get; }

    public int Code { get; }

    /// <summary>The bot may not post or read there: fall back (DM, follow-up) instead of retrying.</summary>
    public bool IsAccessProblem => Code is MissingAccess or MissingPermissions or UnknownChannel or CannotSendToUser
        || Status is HttpStatusCode.Forbidden;

    /// <summary>The interaction token (or the message it points at) is gone: use the bot token instead.</summary>
    public bool IsExpiredToken => Code is UnknownWebhook or UnknownInteraction or UnknownMessage || Status == HttpStatusCode.Unauthorized;
}
