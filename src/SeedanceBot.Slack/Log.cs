using Microsoft.Extensions.Logging;

namespace SeedanceBot.Slack;

/// <summary>The Slack adapter's log events (5000s). Never a token, a signing secret or a message body.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, EventName = "SlackRateLimitWait", Level = LogLevel.Debug, Message = "Waiting {WaitMs:0} ms before calling {Method} (rate limit)")]
    public static partial void RateLimitWait(ILogger logger, string method, double waitMs);

    [LoggerMessage(EventId = 5002, EventName = "SlackRateLimited", Level = LogLevel.Warning, Message = "Slack answered 429 on {Method}; holding it for {RetryAfterMs:0} ms")]
    public static partial void RateLimited(ILogger logger, string method, double retryAfterMs);

    [LoggerMessage(EventId = 5010, EventName = "SlackRequestFailed", Level = LogLevel.Error, Message = "Handling a Slack {Kind} failed")]
    public static partial void RequestFailed(ILogger logger, string kind, Exception exception);

    [LoggerMessage(EventId = 5011, EventName = "SlackSignatureRejected", Level = LogLevel.Warning, Message = "Refused a Slack request on {Path}: {Reason}")]
    public static partial void SignatureRejected(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 5012, EventName = "SlackMessageDeleted", Level = LogLevel.Information, Message = "Deleted the result of job {JobId} for {UserId}")]
    public static partial void MessageDeleted(ILogger logger, string jobId, string userId);

    [LoggerMessage(EventId = 5013, EventName = "SlackUnknownPayload", Level = LogLevel.Debug, Message = "Ignored a Slack payload of type {Type}")]
    public static partial void UnknownPayload(ILogger logger, string type);

    [LoggerMessage(EventId = 5014, EventName = "SlackAdminLookupFailed", Level = LogLevel.Warning, Message = "users.info for {UserId} failed ({Error}); treating the user as a member")]
    public static partial void AdminLookupFailed(ILogger logger, string userId, string error);

    [LoggerMessage(EventId = 5015, EventName = "SlackModalFailed", Level = LogLevel.Warning, Message = "Opening the /video form failed ({Error})")]
    public static partial void ModalFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 5016, EventName = "SlackLateReplyFailed", Level = LogLevel.Warning, Message = "Sending a late reply through response_url failed ({Error})")]
    public static partial void LateReplyFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 5017, EventName = "SlackRequestRefused", Level = LogLevel.Warning, Message = "Refused a Slack {Kind}: {Reason}")]
    public static partial void RequestRefused(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 5018, EventName = "SlackRequestReplayed", Level = LogLevel.Warning, Message = "A Slack request was received again ({Key}); not acting on it twice")]
    public static partial void RequestReplayed(ILogger logger, string key);

    [LoggerMessage(EventId = 5019, EventName = "SlackDeleteRefused", Level = LogLevel.Warning, Message = "A delete click by {UserId} for job {JobId} did not come from the job's own message; nothing deleted")]
    public static partial void DeleteRefused(ILogger logger, string jobId, string userId);

    [LoggerMessage(EventId = 5028, EventName = "SlackMalformedPayload", Level = LogLevel.Warning, Message = "Could not read a Slack {Kind} ({Reason}); answered without acting on it")]
    public static partial void MalformedPayload(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 5020, EventName = "SlackJoinedChannel", Level = LogLevel.Information, Message = "Joined public channel {ChannelId} to post job {JobId}")]
    public static partial void JoinedChannel(ILogger logger, string channelId, string jobId);

    [LoggerMessage(EventId = 5021, EventName = "SlackNotInChannel", Level = LogLevel.Warning, Message = "Job {JobId}: cannot post in channel {ChannelId} ({Error}: invite the bot with /invite); using a direct message")]
    public static partial void NotInChannel(ILogger logger, string jobId, string channelId, string error);

    [LoggerMessage(EventId = 5022, EventName = "SlackResultAlreadyPosted", Level = LogLevel.Information, Message = "Job {JobId}: its result was already posted; not posting again")]
    public static partial void ResultAlreadyPosted(ILogger logger, string jobId);

    [LoggerMessage(EventId = 5023, EventName = "SlackCannotCheckEarlierPost", Level = LogLevel.Warning, Message = "Job {JobId}: cannot read the thread to check for an earlier post ({Error})")]
    public static partial void CannotCheckEarlierPost(ILogger logger, string jobId, string error);

    [LoggerMessage(EventId = 5024, EventName = "SlackUploadFailed", Level = LogLevel.Warning, Message = "Job {JobId}: uploading the video failed ({Error}); posting the link")]
    public static partial void UploadFailed(ILogger logger, string jobId, string error);

    [LoggerMessage(EventId = 5025, EventName = "SlackVideoTooLarge", Level = LogLevel.Information, Message = "Job {JobId}: the video ({Bytes} bytes) is over the upload limit of {Limit} bytes or of unknown size; posting the link")]
    public static partial void VideoTooLarge(ILogger logger, string jobId, long bytes, long limit);

    [LoggerMessage(EventId = 5026, EventName = "SlackVideoDownloadFailed", Level = LogLevel.Warning, Message = "Job {JobId}: the video download answered {Status}; posting the link")]
    public static partial void VideoDownloadFailed(ILogger logger, string jobId, int status);

    [LoggerMessage(EventId = 5027, EventName = "SlackStatusEditFailed", Level = LogLevel.Warning, Message = "Job {JobId}: editing the status message failed ({Error}); posting a new one")]
    public static partial void StatusEditFailed(ILogger logger, string jobId, string error);

    [LoggerMessage(EventId = 5040, EventName = "SlackSocketConnected", Level = LogLevel.Information, Message = "Connected to Slack Socket Mode ({Connections} connection(s) reported by Slack)")]
    public static partial void SocketConnected(ILogger logger, int connections);

    [LoggerMessage(EventId = 5041, EventName = "SlackSocketReconnecting", Level = LogLevel.Information, Message = "Reconnecting to Slack Socket Mode in {DelayMs:0} ms (failures in a row: {Failures})")]
    public static partial void SocketReconnecting(ILogger logger, double delayMs, int failures);

    [LoggerMessage(EventId = 5042, EventName = "SlackSocketRefresh", Level = LogLevel.Information, Message = "Slack asked to refresh the Socket Mode connection ({Reason}); opening a new one first")]
    public static partial void SocketRefresh(ILogger logger, string reason);

    [LoggerMessage(EventId = 5043, EventName = "SlackSocketDisabled", Level = LogLevel.Error, Message = "Slack disabled Socket Mode for this app (link_disabled): turn Socket Mode on in the app settings or set Slack:Mode=Http. Not reconnecting.")]
    public static partial void SocketDisabled(ILogger logger);

    [LoggerMessage(EventId = 5044, EventName = "SlackSocketFatal", Level = LogLevel.Critical, Message = "Slack refused the app-level token ({Error}): check Slack:AppToken (xapp-, scope connections:write). Not reconnecting.")]
    public static partial void SocketFatal(ILogger logger, string error);

    [LoggerMessage(EventId = 5045, EventName = "SlackSocketFailed", Level = LogLevel.Warning, Message = "The Slack Socket Mode connection failed")]
    public static partial void SocketFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5046, EventName = "SlackSocketNoHello", Level = LogLevel.Warning, Message = "The Slack Socket Mode connection gave no hello")]
    public static partial void SocketNoHello(ILogger logger);

    [LoggerMessage(EventId = 5047, EventName = "SlackEnvelopeRedelivered", Level = LogLevel.Information, Message = "Envelope {EnvelopeId} was already handled (retry {RetryAttempt}); acknowledged and ignored")]
    public static partial void EnvelopeRedelivered(ILogger logger, string envelopeId, int retryAttempt);

    [LoggerMessage(EventId = 5048, EventName = "SlackAckLate", Level = LogLevel.Warning, Message = "Envelope {EnvelopeId} was not answered in time; acknowledged without a payload")]
    public static partial void AckLate(ILogger logger, string envelopeId);

    [LoggerMessage(EventId = 5049, EventName = "SlackReportUploadFailed", Level = LogLevel.Warning, Message = "Uploading a report file to {UserId}'s direct messages failed ({Error})")]
    public static partial void ReportUploadFailed(ILogger logger, string userId, string error);

    [LoggerMessage(EventId = 5090, EventName = "SlackFileRefused", Level = LogLevel.Information, Message = "A file put in the /video form ({Role}) was not taken: {Reason}")]
    public static partial void FileRefused(ILogger logger, Core.Video.ImageRole role, string reason);
}
