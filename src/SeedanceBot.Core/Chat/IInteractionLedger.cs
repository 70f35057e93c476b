namespace SeedanceBot.Core.Chat;

/// <summary>
/// The requests already taken, kept in the store so a replayed or retried request (the same Discord interaction id, the
/// same Slack <c>trigger_id</c>) is acted on once, across restarts. Adapters record a request before handing it to Core.
/// </summary>
public interface IInteractionLedger
{
    /// <summary>
    /// Records <paramref name="key"/> for <paramref name="platform"/>: true the first time, false for a repeat. The entry
    /// may be forgotten after <paramref name="keepUntil"/> (past the platform's replay window).
    /// </summary>
    Task<bool> TryRecordAsync(string platform, string key, DateTimeOffset keepUntil, CancellationToken cancellationToken);
}
