using System.Globalization;
using Npgsql;

namespace SeedanceBot.Storage.Postgres;

/// <summary>What an operator may see of a connection string: server, port, database and user, never the password.</summary>
internal static class PostgresTarget
{
    public static NpgsqlConnectionStringBuilder? TryParse(string? connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString ?? string.Empty);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>E.g. <c>database seedancebot on db:5432 as bot</c>.</summary>
    public static string Describe(string? connectionString)
    {
        if (TryParse(connectionString) is not { } parsed)
        {
            return "an unreadable connection string";
        }

        var database = parsed.Database ?? parsed.Username ?? "(default)";
        return string.Create(CultureInfo.InvariantCulture, $"database {database} on {parsed.Host ?? "(no host)"}:{parsed.Port} as {parsed.Username ?? "(default user)"}");
    }

    /// <summary>Removes the password from a message, should a driver or server ever echo it.</summary>
    public static string Scrub(string message, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(message);
        var password = TryParse(connectionString)?.Password;
        return string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
    }
}
