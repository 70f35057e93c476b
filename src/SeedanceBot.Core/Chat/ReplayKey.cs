namespace SeedanceBot.Core.Chat;

/// <summary>
/// A platform's id of one request (a Discord interaction id, a Slack <c>trigger_id</c>), kept until
/// <paramref name="KeepUntil"/> (past the platform's replay window) so a replayed or retried request is acted on once
/// (see <see cref="IInteractionLedger"/>). A command that makes a job carries it to the reservation, which records it in
/// the same atomic step as the job: one durable write answers both, and a replay makes nothing.
/// </summary>
public sealed record ReplayKey(string Platform, string Key, DateTimeOffset KeepUntil)
{
    /// <summary>The ledger's id of the request: <c>platform:key</c>.</summary>
    public string Id => IdOf(Platform, Key);

    /// <summary>The ledger's id of <paramref name="key"/> on <paramref name="platform"/>, as every store keeps it.</summary>
    public static string IdOf(string platform, string key) => platform + ":" + key;
}
