using System.Security.Cryptography;

namespace SeedanceBot.Core.Jobs;

/// <summary>Short job ids people can type (<c>k7m2qx9p</c>: no look-alike letters), and unguessable webhook tokens.</summary>
public static class JobIds
{
    private const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";

    public static string NewId() => RandomNumberGenerator.GetString(Alphabet, 8);

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static bool LooksLikeId(string text) => text.Length == 8 && text.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
