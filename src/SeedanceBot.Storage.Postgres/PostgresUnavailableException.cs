namespace SeedanceBot.Storage.Postgres;

/// <summary>PostgreSQL cannot be used (unreachable, refused the login, a schema from a newer bot). The message says where and what to do, never the password.</summary>
public sealed class PostgresUnavailableException : Exception
{
    public PostgresUnavailableException()
    {
    }

    public PostgresUnavailableException(string message)
        : base(message)
    {
    }

    public PostgresUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
