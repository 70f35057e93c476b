namespace SeedanceBot.Core.Chat;

/// <summary>
/// What a user chose before a form opened (a command's typed options), kept server-side under a short key while the form
/// is open, so it reaches the submission whole whatever the platform's id limits.
/// </summary>
public sealed record PendingForm(string Platform, string UserId, IReadOnlyList<KeyValuePair<string, string>> Options, DateTimeOffset ExpiresAt);
