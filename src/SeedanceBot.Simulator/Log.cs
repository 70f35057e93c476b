namespace SeedanceBot.Simulator;

/// <summary>The simulator's log events (8000-8999).</summary>
public static partial class SimulatorLog
{
    [LoggerMessage(EventId = 8001, EventName = "SimulatorStarted", Level = LogLevel.Information,
        Message = "Seedance simulator listening; API base {ApiBase} (time scale {TimeScale}, {RequestsPerMinute} requests/minute)")]
    public static partial void Started(ILogger logger, Uri apiBase, double timeScale, int requestsPerMinute);

    [LoggerMessage(EventId = 8010, EventName = "SimulatorWebhookDelivered", Level = LogLevel.Debug,
        Message = "Webhook for {JobId} delivered ({StatusCode})")]
    internal static partial void WebhookDelivered(ILogger logger, string jobId, int statusCode);

    [LoggerMessage(EventId = 8011, EventName = "SimulatorWebhookFailed", Level = LogLevel.Warning,
        Message = "Webhook for {JobId} failed on attempt {Attempt}: {Reason}")]
    internal static partial void WebhookFailed(ILogger logger, string jobId, int attempt, string reason);
}
