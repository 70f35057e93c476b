using LiteDB;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// A stored job: the columns queries use, and the whole job as JSON. Documents written before the day keys (or before
/// those carried the counted columns) get them when the store opens the file (<see cref="DayKeysVersion"/>).
/// </summary>
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

    /// <summary>The job's money against budgets (<c>BotJob.Money</c>); 0 in documents written before costs were kept.</summary>
    public decimal Money { get; set; }

    /// <summary>The version of the day keys' format; files whose recorded version is older are rewritten when opened.</summary>
    public const int DayKeysVersion = 4;

    /// <summary>The UTC day, the user's key (<see cref="JobKeys"/>), the creation ticks, then charge, state and seconds: one index range over keys alone counts a user's day.</summary>
    public string? UserDay { get; set; }

    /// <summary>The UTC day, the workspace's key, the creation ticks, then charge, state and seconds: one index range over keys alone counts a workspace's day.</summary>
    public string? WorkspaceDay { get; set; }

    /// <summary>
    /// What is still to do, in one index so finished and delivered jobs are never read: the user's key while the job
    /// holds one of their concurrent slots (their running jobs in one lookup), <see cref="Undelivered"/> while its final
    /// message is still to be posted, else nothing. An array, so the index holds open jobs only: an empty array puts no
    /// key in a LiteDB index (a null is a key), and an insert walks a skip list as deep as the open jobs, not the history.
    /// Files of format 3 and older kept this as the string <c>Open</c>, indexed with every finished job as a null.
    /// </summary>
    public string[] Todo { get; set; } = [];

    /// <summary>Sorts after every user key (lower-case hex).</summary>
    public const string Undelivered = "z";

    public string Json { get; set; } = string.Empty;
}
