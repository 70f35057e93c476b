using System.ComponentModel.DataAnnotations;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>The <c>Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The LiteDB file; its folder is created on first run.</summary>
    [Required(ErrorMessage = "Storage:Path is required, e.g. ./data/seedancebot.db")]
    public string Path { get; set; } = "./data/seedancebot.db";

    /// <summary>How many /backup copies (in <c>backups/</c> beside the file) are kept; older ones are removed.</summary>
    [Range(1, 1000)]
    public int BackupsToKeep { get; set; } = 7;
}
