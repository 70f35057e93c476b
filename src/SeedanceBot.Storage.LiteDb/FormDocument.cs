using LiteDB;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>An open form's state as JSON, under its key, until <see cref="ExpiresTicks"/>.</summary>
internal sealed class FormDocument
{
    [BsonId]
    public string Key { get; set; } = string.Empty;

    public long ExpiresTicks { get; set; }

    public string Json { get; set; } = string.Empty;
}
