namespace SeedanceBot;

/// <summary>
/// The host's own logger with one change: its "Hosting failed to start" entry for a problem <see cref="StartupFailure"/>
/// describes (a setting, the database file) is written at Debug, since Program.cs prints the operator's message and a
/// 30-line stack trace before it would read like a crash. Every other entry, and every other start-up failure (a bug),
/// is logged as the host logs it.
/// </summary>
internal sealed class StartupFailureLogger(ILogger inner) : ILogger
{
    /// <summary>The host's event id for "Hosting failed to start" (HostedServiceStartupFaulted).</summary>
    public const int HostingFailedToStart = 11;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var level = eventId.Id == HostingFailedToStart && exception is not null && StartupFailure.Describe(exception) is not null ? LogLevel.Debug : logLevel;
        inner.Log(level, eventId, state, exception, formatter);
    }
}
