using LiteDB;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>A stored job: the columns queries use, and the whole job as JSON. Documents written before UserDay and WorkspaceDay existed get them when the store opens the file.</summary>
internal sealed class JobDocument
{
    [BsonId]
    public string Id { get; set; } = string.Empty;

    public string Platform { get; set; } = string.Empty;

    public string WorkspaceId { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public int State { get; set; }

    public int Charge { get; set; }

    public int Delivery { get; set; }

    public long CreatedTicks { get; set; }

    public int Seconds { get; set; }

    public int Version { get; set; }

    /// <summary>The user's key (<see cref="JobKeys"/>) then the creation ticks: one index range reads a user's day.</summary>
    public string? UserDay { get; set; }

    /// <summary>The workspace's key then the creation ticks: one index range reads a workspace's day.</summary>
    public string? WorkspaceDay { get; set; }

    /// <summary>The user's key while the job holds one of their concurrent slots, else null: their running jobs in one lookup.</summary>
    public string? ActiveUser { get; set; }

    public string Json { get; set; } = string.Empty;
}
