namespace SeedanceBot;

/// <summary>
/// The logger factory with <see cref="StartupFailureLogger"/> in front of the host's own category (its type is internal
/// to Microsoft.Extensions.Hosting; <c>ILogger&lt;Host&gt;</c> asks the factory for this category name). A factory
/// wrapper, not a generic registration over the internal type, so it needs no reflection in the Native AOT image.
/// </summary>
internal sealed class QuietStartupLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName == HostCategory ? new StartupFailureLogger(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
