using System.ComponentModel.DataAnnotations;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>The <c>Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The LiteDB file; its folder is created on first run.</summary>
    [Required(ErrorMessage = "Storage:Path is required, e.g. ./data/seedancebot.db")]
    public string Path { get; set; } = "./data/seedancebot.db";
}
