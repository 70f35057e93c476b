namespace SeedanceBot.Slack.Events;

/// <summary>The outcome of checking a request's signature.</summary>
internal enum SignatureCheck
{
    Valid,
    Missing,
    Stale,
    Mismatch,
}
