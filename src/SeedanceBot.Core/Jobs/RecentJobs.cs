namespace SeedanceBot.Core.Jobs;

/// <summary>
/// What "your recent jobs" means wherever they are listed (<c>/status</c> without an id, Discord's job autocomplete): the
/// ones made in the last 30 days. A store reads a bounded window however long its history (the LiteDB store's day keys
/// are read one day at a time).
/// </summary>
public static class RecentJobs
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>The oldest creation time still recent at <paramref name="now"/>.</summary>
    public static DateTimeOffset Since(DateTimeOffset now) => now - Window;
}
