using LiteDB;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>A usage-ledger line, keyed by job id so writing it twice is harmless.</summary>
internal sealed class UsageDocument
{
    [BsonId]
    public string JobId { get; set; } = string.Empty;

    public string Platform { get; set; } = string.Empty;

    public string WorkspaceId { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public string? UserName { get; set; }

    public int Seconds { get; set; }

    public string Prompt { get; set; } = string.Empty;

    public long AtTicks { get; set; }

    /// <summary>What the video cost, in <see cref="Currency"/>; null when no price applied (or for lines written before).</summary>
    public decimal? Cost { get; set; }

    public string? Currency { get; set; }
}
