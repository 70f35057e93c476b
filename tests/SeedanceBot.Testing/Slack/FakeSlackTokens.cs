namespace SeedanceBot.Testing.Slack;

/// <summary>
/// Fake Slack tokens for tests, assembled from their prefixes so that no token-shaped literal (<c>xoxb-…</c>,
/// <c>xapp-…</c>) sits in the repository for secret scanners to flag. None of them was ever a real token.
/// </summary>
public static class FakeSlackTokens
{
    public const string BotPrefix = "xox" + "b-";
    public const string AppPrefix = "xa" + "pp-";

    public static string Bot(string rest) => BotPrefix + rest;

    public static string App(string rest) => AppPrefix + rest;
}
