namespace SeedanceBot;

/// <summary><c>Storage:Provider</c>: which store the bot runs on. The rest of the section belongs to that store's options.</summary>
internal sealed class StorageProviderOptions
{
    public const string SectionName = "Storage";

    public const string LiteDb = "LiteDb";

    public const string Postgres = "Postgres";

    /// <summary><see cref="LiteDb"/> (the default: one file, one process) or <see cref="Postgres"/> (a server several replicas share).</summary>
    public string Provider { get; set; } = LiteDb;
}
