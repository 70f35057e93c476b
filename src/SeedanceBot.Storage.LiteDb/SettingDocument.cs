using LiteDB;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>A quota setting (user, role, workspace, usage reset) under a composite key, as JSON.</summary>
internal sealed class SettingDocument
{
    [BsonId]
    public string Key { get; set; } = string.Empty;

    public string Json { get; set; } = string.Empty;
}
