using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core;

/// <summary>Core's log events (1000-1999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, EventName = "JobCreated", Level = LogLevel.Information, Message = "Job {JobId} created for {Platform} user {UserId} ({Seconds} s)")]
    public static partial void JobCreated(ILogger logger, string jobId, string platform, string userId, int seconds);

    [LoggerMessage(EventId = 1002, EventName = "JobSubmitted", Level = LogLevel.Information, Message = "Job {JobId} submitted as {ProviderJobId}")]
    public static partial void Submitted(ILogger logger, string jobId, string providerJobId);

    [LoggerMessage(EventId = 1003, EventName = "JobSubmitDeferred", Level = LogLevel.Warning, Message = "Job {JobId} could not be submitted ({Kind}); retrying at {RetryAt:O}")]
    public static partial void SubmitDeferred(ILogger logger, string jobId, VideoProviderErrorKind kind, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 1004, EventName = "JobSubmitRefused", Level = LogLevel.Warning, Message = "Job {JobId} was refused by the provider ({Kind})")]
    public static partial void SubmitRefused(ILogger logger, string jobId, VideoProviderErrorKind kind);

    [LoggerMessage(EventId = 1005, EventName = "JobSucceeded", Level = LogLevel.Information, Message = "Job {JobId} succeeded after {Polls} polls")]
    public static partial void Succeeded(ILogger logger, string jobId, int polls);

    [LoggerMessage(EventId = 1006, EventName = "JobFailed", Level = LogLevel.Information, Message = "Job {JobId} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 1007, EventName = "JobDelivered", Level = LogLevel.Information, Message = "Job {JobId} delivered (attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, string jobId, int attempt);

    [LoggerMessage(EventId = 1008, EventName = "JobDeliveryFailed", Level = LogLevel.Warning, Message = "Job {JobId} delivery attempt {Attempt} failed (giving up: {GivingUp})")]
    public static partial void DeliveryFailed(ILogger logger, string jobId, int attempt, bool givingUp, Exception exception);

    [LoggerMessage(EventId = 1009, EventName = "JobStatusUpdateFailed", Level = LogLevel.Debug, Message = "Status update for job {JobId} failed")]
    public static partial void StatusUpdateFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 1010, EventName = "JobStepFailed", Level = LogLevel.Error, Message = "Work on job {JobId} failed unexpectedly")]
    public static partial void JobStepFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 1013, EventName = "JobStepInterrupted", Level = LogLevel.Information, Message = "Work on job {JobId} was stopped by the shutdown; the job resumes from its last stored step on the next start")]
    public static partial void JobStepInterrupted(ILogger logger, string jobId);

    [LoggerMessage(EventId = 1011, EventName = "JobWorkerPassFailed", Level = LogLevel.Error, Message = "A job worker pass failed; retrying")]
    public static partial void WorkerPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1012, EventName = "StylesRefreshFailed", Level = LogLevel.Warning, Message = "Refreshing the video API's styles failed ({Error}); the last list stays")]
    public static partial void StylesRefreshFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 1020, EventName = "CommandFailed", Level = LogLevel.Error, Message = "Command /{Command} from {Platform} failed")]
    public static partial void CommandFailed(ILogger logger, string command, string platform, Exception exception);

    [LoggerMessage(EventId = 1150, EventName = "LeaseAcquired", Level = LogLevel.Information, Message = "Lease {Lease} acquired by replica {Replica}")]
    public static partial void LeaseAcquired(ILogger logger, string lease, string replica);

    [LoggerMessage(EventId = 1151, EventName = "LeaseLost", Level = LogLevel.Warning, Message = "Lease {Lease} lost by replica {Replica}: its work stops here")]
    public static partial void LeaseLost(ILogger logger, string lease, string replica);

    [LoggerMessage(EventId = 1152, EventName = "LeaseStoreFailed", Level = LogLevel.Warning, Message = "The store could not take or renew lease {Lease}")]
    public static partial void LeaseStoreFailed(ILogger logger, string lease, Exception exception);

    [LoggerMessage(EventId = 1153, EventName = "SingletonWorkFailed", Level = LogLevel.Error, Message = "The work held by lease {Lease} failed")]
    public static partial void SingletonWorkFailed(ILogger logger, string lease, Exception exception);

    [LoggerMessage(EventId = 1040, EventName = "JobClaimLost", Level = LogLevel.Warning, Message = "Job {JobId}: replica {ReplicaId} lost its claim mid-step (another replica took the job over); the step stops")]
    public static partial void JobClaimLost(ILogger logger, string jobId, string replicaId);

    [LoggerMessage(EventId = 1041, EventName = "JobClaimStoreFailed", Level = LogLevel.Warning, Message = "Job {JobId}: renewing or releasing its claim failed; it lapses at its expiry if this keeps failing")]
    public static partial void JobClaimRenewalFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 1160, EventName = "UsageChartFailed", Level = LogLevel.Warning, Message = "The /usage chart could not be drawn; the CSV is sent alone")]
    public static partial void UsageChartFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1170, EventName = "LastFrameLookupFailed", Level = LogLevel.Warning, Message = "Job {JobId}: asking the video API for its last frame failed ({Kind})")]
    public static partial void LastFrameLookupFailed(ILogger logger, string jobId, VideoProviderErrorKind kind);

    [LoggerMessage(EventId = 1171, EventName = "LastFrameDownloadFailed", Level = LogLevel.Warning, Message = "Job {JobId}: its last frame could not be downloaded: it {Problem}")]
    public static partial void LastFrameDownloadFailed(ILogger logger, string jobId, string problem);

    [LoggerMessage(EventId = 1180, EventName = "RequestReplayed", Level = LogLevel.Warning, Message = "Request {RequestId} was already handled; nothing made again")]
    public static partial void RequestReplayed(ILogger logger, string requestId);
}
