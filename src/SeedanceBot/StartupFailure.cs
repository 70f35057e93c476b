using Microsoft.Extensions.Options;
using SeedanceBot.Storage.LiteDb;
using SeedanceBot.Storage.Postgres;

namespace SeedanceBot;

/// <summary>
/// Turns what stops the bot at start (settings that fail validation, an unusable database file) into one message naming
/// every key at fault, for the operator: no stack trace, no secret (validators never echo one).
/// </summary>
internal static class StartupFailure
{
    /// <summary>The operator's message, or null when <paramref name="exception"/> is not a start-up problem (a bug: let it crash).</summary>
    public static string? Describe(Exception exception)
    {
        var problems = Flatten(exception);
        if (problems.Count == 0 || problems.Any(p => p is not (OptionsValidationException or StorageUnavailableException or PostgresUnavailableException)))
        {
            return null;
        }

        var lines = problems.SelectMany(p => p is OptionsValidationException options ? options.Failures : [p.Message]).Distinct().ToList();
        return "SeedanceBot cannot start:" + Environment.NewLine + string.Join(Environment.NewLine, lines.Select(l => "  - " + l));
    }

    /// <summary>Puts <see cref="StartupFailureLogger"/> in front of the host's own logger, so the message above is all the operator sees.</summary>
    public static void QuietHostLog(IServiceCollection services) =>
        services.AddSingleton<ILoggerFactory>(static provider => new QuietStartupLoggerFactory(new LoggerFactory(
            provider.GetServices<ILoggerProvider>(),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>())));

    private static System.Collections.ObjectModel.ReadOnlyCollection<Exception> Flatten(Exception exception) => exception is AggregateException aggregate
        ? aggregate.Flatten().InnerExceptions
        : new([exception]);
}
