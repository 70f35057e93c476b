using System.Net;

namespace SeedanceBot.Slack.WebApi;

/// <summary>A Web API call that answered <c>"ok": false</c> (or a non-2xx status): the method and Slack's error code.</summary>
public sealed class SlackApiException : Exception
{
    public SlackApiException()
    {
    }

    public SlackApiException(string message)
        : base(message)
    {
    }

    public SlackApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SlackApiException(string method, string error, HttpStatusCode? status = null)
        : base($"Slack answered {method} with '{error}'.")
    {
        Method = method;
        Error = error;
        Status = status;
    }

    public string Method { get; } = string.Empty;

    /// <summary>Slack's error code, e.g. <c>not_in_channel</c>, <c>invalid_auth</c>.</summary>
    public string Error { get; } = string.Empty;

    public HttpStatusCode? Status { get; }

    /// <summary>Set when files.completeUploadExternal failed: the bytes are uploaded and can still be shared with this id.</summary>
    public string? FileId { get; init; }

    /// <summary>The bot is not a member of the channel (join a public one, or be invited to a private one).</summary>
    public bool IsNotInChannel => Error is "not_in_channel" or "channel_not_found";

    /// <summary>The token is wrong or revoked, or the app is gone: retrying cannot help.</summary>
    public bool IsFatalAuth => Error is "not_authed" or "invalid_auth" or "account_inactive" or "token_revoked" or "user_removed_from_team" or "team_disabled";
}
