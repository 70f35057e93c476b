using Microsoft.Extensions.Options;

namespace SeedanceBot.Storage.Postgres;

/// <summary>The connection string parses and names a host. The message never repeats the string (it holds the password).</summary>
internal sealed class PostgresConnectionStringValidator : IValidateOptions<PostgresStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Skip;
        }

        if (PostgresTarget.TryParse(options.ConnectionString) is not { } parsed)
        {
            return ValidateOptionsResult.Fail("Storage:ConnectionString is not a valid PostgreSQL connection string: write key=value pairs separated by ';' (Host, Port, Database, Username, Password).");
        }

        return string.IsNullOrWhiteSpace(parsed.Host)
            ? ValidateOptionsResult.Fail("Storage:ConnectionString names no Host: add Host=<server> (and Database, Username, Password).")
            : ValidateOptionsResult.Success;
    }
}
