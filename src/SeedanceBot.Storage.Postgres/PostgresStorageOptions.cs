using System.ComponentModel.DataAnnotations;

namespace SeedanceBot.Storage.Postgres;

/// <summary>The <c>Storage</c> section when <c>Storage:Provider</c> is <c>Postgres</c>.</summary>
public sealed class PostgresStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>An Npgsql connection string. It holds the password: it never appears in logs, messages or /backup's answer.</summary>
    [Required(ErrorMessage = "Storage:ConnectionString is required when Storage:Provider is Postgres, e.g. Host=db;Database=seedancebot;Username=bot;Password=...")]
    public string? ConnectionString { get; set; }

    public override string ToString() => PostgresTarget.Describe(ConnectionString);
}
