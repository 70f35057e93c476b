namespace SeedanceBot;

/// <summary>The host's logs (event ids 7000–7999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7101, EventName = "Draining", Level = LogLevel.Information, Message = "Replica {Replica} is stopping: /readyz now answers 503; serving for {DrainSeconds} s more before stopping")]
    public static partial void Draining(ILogger logger, string replica, double drainSeconds);
}
