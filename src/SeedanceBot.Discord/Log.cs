using Microsoft.Extensions.Logging;

namespace SeedanceBot.Discord;

/// <summary>The Discord adapter's log events (4000s). Never a token, never a message body.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, EventName = "DiscordRateLimitWait", Level = LogLevel.Debug, Message = "Waiting {WaitMs:0} ms for Discord rate limit bucket of {Route}")]
    public static partial void RateLimitWait(ILogger logger, string route, double waitMs);

    [LoggerMessage(EventId = 4002, EventName = "DiscordRateLimited", Level = LogLevel.Warning, Message = "Discord answered 429 on {Route} (global {Global}, scope {Scope}); holding for {RetryAfterMs:0} ms")]
    public static partial void RateLimited(ILogger logger, string route, bool global, string scope, double retryAfterMs);

    [LoggerMessage(EventId = 4010, EventName = "DiscordUnknownInteraction", Level = LogLevel.Warning, Message = "Unknown interaction type {Type}")]
    public static partial void UnknownInteraction(ILogger logger, int type);

    [LoggerMessage(EventId = 4011, EventName = "DiscordInteractionFailed", Level = LogLevel.Error, Message = "Handling interaction {InteractionId} failed")]
    public static partial void InteractionFailed(ILogger logger, string interactionId, Exception exception);

    [LoggerMessage(EventId = 4012, EventName = "DiscordMessageDeleted", Level = LogLevel.Information, Message = "Deleted the result of job {JobId} for {UserId}")]
    public static partial void MessageDeleted(ILogger logger, string jobId, string userId);

    [LoggerMessage(EventId = 4013, EventName = "DiscordSignatureRejected", Level = LogLevel.Warning, Message = "Refused an interaction request: {Reason}")]
    public static partial void SignatureRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 4014, EventName = "DiscordInteractionMalformed", Level = LogLevel.Warning, Message = "Refused an interaction that cannot be answered: {Reason}")]
    public static partial void InteractionMalformed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4015, EventName = "DiscordInteractionReplayed", Level = LogLevel.Warning, Message = "Interaction {InteractionId} was already handled; not acting on it again")]
    public static partial void InteractionReplayed(ILogger logger, string interactionId);

    [LoggerMessage(EventId = 4016, EventName = "DiscordInteractionRefused", Level = LogLevel.Warning, Message = "Interaction {InteractionId} refused: {Reason}")]
    public static partial void InteractionRefused(ILogger logger, string interactionId, string reason);

    [LoggerMessage(EventId = 4017, EventName = "DiscordForeignDeleteRefused", Level = LogLevel.Warning, Message = "A delete button for job {JobId} came from message {MessageId}, which is not that job's; {UserId} deleted nothing")]
    public static partial void ForeignDeleteRefused(ILogger logger, string jobId, string userId, string messageId);

    [LoggerMessage(EventId = 4018, EventName = "DiscordLateAnswerDropped", Level = LogLevel.Error, Message = "Interaction {InteractionId}: a late answer came after its public response was taken by a job's status; not shown")]
    public static partial void LateAnswerDropped(ILogger logger, string interactionId);

    [LoggerMessage(EventId = 4091, EventName = "DiscordAdmittedJobNotMade", Level = LogLevel.Warning, Message = "Interaction {InteractionId}: its job was admitted and deferred publicly, then not made; the answer goes privately")]
    public static partial void AdmittedJobNotMade(ILogger logger, string interactionId);

    [LoggerMessage(EventId = 4020, EventName = "DiscordInteractionTokenGone", Level = LogLevel.Information, Message = "Job {JobId}: the interaction token no longer works (code {Code}); using the bot token")]
    public static partial void InteractionTokenGone(ILogger logger, string jobId, int code);

    [LoggerMessage(EventId = 4021, EventName = "DiscordFinalStatusEditFailed", Level = LogLevel.Warning, Message = "Job {JobId}: the final status edit failed (code {Code})")]
    public static partial void FinalStatusEditFailed(ILogger logger, string jobId, int code);

    [LoggerMessage(EventId = 4022, EventName = "DiscordResultAlreadyPosted", Level = LogLevel.Information, Message = "Job {JobId}: its result was already posted; not posting again")]
    public static partial void ResultAlreadyPosted(ILogger logger, string jobId);

    [LoggerMessage(EventId = 4023, EventName = "DiscordUploadTooLarge", Level = LogLevel.Warning, Message = "Job {JobId}: Discord refused the {Bytes}-byte upload; posting the link")]
    public static partial void UploadTooLarge(ILogger logger, string jobId, int bytes);

    [LoggerMessage(EventId = 4024, EventName = "DiscordFallingBackToDm", Level = LogLevel.Warning, Message = "Job {JobId}: cannot post in channel {ChannelId} (code {Code}: invite the bot or grant Send Messages); sending it as a DM")]
    public static partial void FallingBackToDirectMessage(ILogger logger, string jobId, string channelId, int code);

    [LoggerMessage(EventId = 4025, EventName = "DiscordCannotCheckEarlierPost", Level = LogLevel.Warning, Message = "Job {JobId}: cannot read the channel to check for an earlier post (code {Code})")]
    public static partial void CannotCheckEarlierPost(ILogger logger, string jobId, int code);

    [LoggerMessage(EventId = 4026, EventName = "DiscordVideoDownloadFailed", Level = LogLevel.Warning, Message = "Job {JobId}: the video download answered {Status}; posting the link")]
    public static partial void VideoDownloadFailed(ILogger logger, string jobId, int status);

    [LoggerMessage(EventId = 4027, EventName = "DiscordVideoTooLarge", Level = LogLevel.Information, Message = "Job {JobId}: the video ({Bytes} bytes) does not fit the upload limit of {Limit} bytes; posting the link")]
    public static partial void VideoTooLargeToAttach(ILogger logger, string jobId, long bytes, long limit);

    [LoggerMessage(EventId = 4028, EventName = "DiscordVideoDownloadError", Level = LogLevel.Warning, Message = "Job {JobId}: the video download failed; posting the link")]
    public static partial void VideoDownloadError(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 4029, EventName = "DiscordStatusTooLong", Level = LogLevel.Warning, Message = "Job {JobId}: the status message needs {Parts} messages; only the first is shown")]
    public static partial void StatusTooLong(ILogger logger, string jobId, int parts);

    [LoggerMessage(EventId = 4040, EventName = "DiscordGatewayConnectionFailed", Level = LogLevel.Warning, Message = "The Gateway connection failed")]
    public static partial void GatewayConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4041, EventName = "DiscordGatewayReconnecting", Level = LogLevel.Information, Message = "Reconnecting to the Gateway in {DelayMs:0} ms (resume: {Resume})")]
    public static partial void GatewayReconnecting(ILogger logger, bool resume, double delayMs);

    [LoggerMessage(EventId = 4042, EventName = "DiscordGatewayNoHello", Level = LogLevel.Warning, Message = "The Gateway closed before HELLO (code {Code})")]
    public static partial void GatewayNoHello(ILogger logger, int? code);

    [LoggerMessage(EventId = 4043, EventName = "DiscordGatewayResuming", Level = LogLevel.Information, Message = "Resuming the Gateway session at sequence {Sequence}")]
    public static partial void GatewayResuming(ILogger logger, long sequence);

    [LoggerMessage(EventId = 4044, EventName = "DiscordGatewayReconnectRequested", Level = LogLevel.Information, Message = "The Gateway asked for a reconnect (op 7)")]
    public static partial void GatewayReconnectRequested(ILogger logger);

    [LoggerMessage(EventId = 4045, EventName = "DiscordGatewayInvalidSession", Level = LogLevel.Warning, Message = "The Gateway invalidated the session (op 9, resumable: {Resumable})")]
    public static partial void GatewayInvalidSession(ILogger logger, bool resumable);

    [LoggerMessage(EventId = 4046, EventName = "DiscordGatewayReady", Level = LogLevel.Information, Message = "Connected to the Discord Gateway as {UserName}")]
    public static partial void GatewayReady(ILogger logger, string userName);

    [LoggerMessage(EventId = 4047, EventName = "DiscordGatewayResumed", Level = LogLevel.Information, Message = "Resumed the Gateway session")]
    public static partial void GatewayResumed(ILogger logger);

    [LoggerMessage(EventId = 4048, EventName = "DiscordGatewayZombie", Level = LogLevel.Warning, Message = "No heartbeat ACK within {IntervalMs:0} ms: closing the zombie connection and resuming")]
    public static partial void GatewayZombie(ILogger logger, double intervalMs);

    [LoggerMessage(EventId = 4049, EventName = "DiscordGatewayIdentifyBudgetSpent", Level = LogLevel.Warning, Message = "The daily identify budget is spent; waiting {Minutes:0.0} minutes")]
    public static partial void GatewayIdentifyBudgetSpent(ILogger logger, double minutes);

    [LoggerMessage(EventId = 4050, EventName = "DiscordGatewayFatalClose", Level = LogLevel.Critical, Message = "The Gateway closed with {Code}: {Reason}. Discord will not accept this connection; the bot stops connecting until the configuration is fixed and it is restarted")]
    public static partial void GatewayFatalClose(ILogger logger, int code, string reason);

    [LoggerMessage(EventId = 4051, EventName = "DiscordGatewayClosed", Level = LogLevel.Information, Message = "The Gateway closed ({Code}: {Reason})")]
    public static partial void GatewayClosed(ILogger logger, int code, string reason);

    [LoggerMessage(EventId = 4052, EventName = "DiscordGatewayPayloadSkipped", Level = LogLevel.Warning, Message = "Skipped a Gateway frame that is not a payload")]
    public static partial void GatewayPayloadSkipped(ILogger logger);

    [LoggerMessage(EventId = 4053, EventName = "DiscordGatewayInteractionFailed", Level = LogLevel.Error, Message = "An interaction from the Gateway failed")]
    public static partial void GatewayInteractionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4060, EventName = "DiscordCommandsUpToDate", Level = LogLevel.Information, Message = "Slash commands are up to date ({Scope})")]
    public static partial void CommandsUpToDate(ILogger logger, string scope);

    [LoggerMessage(EventId = 4061, EventName = "DiscordCommandsRegistered", Level = LogLevel.Information, Message = "Registered {Count} slash commands ({Scope})")]
    public static partial void CommandsRegistered(ILogger logger, int count, string scope);

    [LoggerMessage(EventId = 4062, EventName = "DiscordCommandRegistrationFailed", Level = LogLevel.Error, Message = "Registering the slash commands failed ({Scope})")]
    public static partial void CommandRegistrationFailed(ILogger logger, string scope, Exception exception);

    [LoggerMessage(EventId = 4070, EventName = "DiscordIdentifySlotFailed", Level = LogLevel.Warning, Message = "Could not take the identify slot of bucket {Bucket} from the store; waiting")]
    public static partial void GatewayIdentifySlotFailed(ILogger logger, int bucket, Exception exception);

    [LoggerMessage(EventId = 4071, EventName = "DiscordShardCount", Level = LogLevel.Information, Message = "Discord Gateway: {Count} shards ({Source})")]
    public static partial void ShardCount(ILogger logger, int count, string source);

    [LoggerMessage(EventId = 4072, EventName = "DiscordShardAcquired", Level = LogLevel.Information, Message = "Shard {Shard}/{Count} runs on replica {Replica}")]
    public static partial void ShardAcquired(ILogger logger, int shard, int count, string replica);

    [LoggerMessage(EventId = 4073, EventName = "DiscordShardLost", Level = LogLevel.Warning, Message = "Shard {Shard} lost its lease on replica {Replica}: stopped here")]
    public static partial void ShardLost(ILogger logger, int shard, string replica);

    [LoggerMessage(EventId = 4074, EventName = "DiscordShardHandedOver", Level = LogLevel.Information, Message = "Shard {Shard} handed over by replica {Replica} ({Held} held, {Target} each for {Replicas} replicas)")]
    public static partial void ShardHandedOver(ILogger logger, int shard, string replica, int held, int target, int replicas);

    [LoggerMessage(EventId = 4075, EventName = "DiscordShardStoreFailed", Level = LogLevel.Warning, Message = "The store could not take or renew the shard leases; retrying")]
    public static partial void ShardStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4076, EventName = "DiscordShardCountFailed", Level = LogLevel.Warning, Message = "GET /gateway/bot failed: the shard count is unknown; retrying")]
    public static partial void ShardCountFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4090, EventName = "DiscordAttachmentRefused", Level = LogLevel.Information, Message = "An attached image ({Role}) was not taken: {Reason}")]
    public static partial void AttachmentRefused(ILogger logger, Core.Video.ImageRole role, string reason);
}
