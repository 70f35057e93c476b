using LiteDB;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>A stored job: the columns queries use, and the whole job as JSON.</summary>
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

    public string Json { get; set; } = string.Empty;
}
