using Microsoft.Extensions.Logging;

namespace SeedanceBot.ModelArk;

/// <summary>The ModelArk provider's log events (2500s). Never the API key, never a prompt.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2501, EventName = "ModelArkSubmitUncertain", Level = LogLevel.Warning, Message = "Job {JobId}: the create call's outcome is unknown ({Reason}); reconciling through the task list before any resend")]
    public static partial void SubmitUncertain(ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 2502, EventName = "ModelArkSubmitReconciled", Level = LogLevel.Information, Message = "Job {JobId}: found its task {TaskId} in the task list; not creating another")]
    public static partial void SubmitReconciled(ILogger logger, string jobId, string taskId);

    [LoggerMessage(EventId = 2503, EventName = "ModelArkAdminAction", Level = LogLevel.Error, Message = "ModelArk refused the account ({Code}): {Advice}")]
    public static partial void AdminAction(ILogger logger, string code, string advice);

    [LoggerMessage(EventId = 2504, EventName = "ModelArkBatchPoll", Level = LogLevel.Debug, Message = "Polled {Count} task(s) in one list call")]
    public static partial void BatchPoll(ILogger logger, int count);

    [LoggerMessage(EventId = 2510, EventName = "ModelArkSharedBudgetUnavailable", Level = LogLevel.Warning,
        Message = "The request budget shared by the replicas could not be read; waiting for the next minute")]
    public static partial void SharedBudgetUnavailable(ILogger logger, Exception exception);
}
