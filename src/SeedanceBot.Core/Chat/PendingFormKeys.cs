using System.Security.Cryptography;

namespace SeedanceBot.Core.Chat;

/// <summary>Keys of <see cref="PendingForm"/>s: 16 characters of a URL-safe alphabet, 96 random bits.</summary>
public static class PendingFormKeys
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public const int Length = 16;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>True when <paramref name="key"/> has the shape <see cref="New"/> makes; anything else is never looked up.</summary>
    public static bool IsWellFormed(string? key) => key is { Length: Length } && key.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
