namespace SeedanceBot.Storage.LiteDb;

/// <summary>The LiteDB file cannot be opened (corrupt, locked by another process, no permission). The message says which file and what to do.</summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
