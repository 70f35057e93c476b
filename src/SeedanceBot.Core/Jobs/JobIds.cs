using System.Security.Cryptography;

namespace SeedanceBot.Core.Jobs;

/// <summary>
/// Job ids people can copy (<c>2bkk7m2qx9p</c>: no look-alike letters) that sort by the day they were made, and
/// unguessable webhook tokens.
/// </summary>
/// <remarks>
/// An id is the day (three characters: days since <see cref="Epoch"/> in the alphabet's base, to the year 2107) and eight
/// random characters. A store's index then puts each new id among today's, on the pages it has just written, however
/// many jobs came before: with ids random from the first character, every insert landed somewhere in the whole history
/// and a LiteDB commit wrote 2.3x the pages at 100,000 earlier jobs (the quota benchmark, README). Two ids can only clash
/// within one day, among 31^8 (8.5 * 10^11) suffixes: never likelier than the eight random characters ids had before,
/// which could clash with any id ever made.
/// </remarks>
public static class JobIds
{
    /// <summary>Day zero of the ids' first three characters (an earlier day counts as zero).</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";
    private const int DayLength = 3;
    private const int RandomLength = 8;

    /// <summary>A new id made at <paramref name="now"/>; ids of later days sort after it (ordinal).</summary>
    public static string NewId(DateTimeOffset now) => string.Create(DayLength + RandomLength, now, static (id, now) =>
    {
        var day = (int)Math.Clamp((now - Epoch).TotalDays, 0, Math.Pow(Alphabet.Length, DayLength) - 1);
        for (var i = DayLength - 1; i >= 0; i--)
        {
            id[i] = Alphabet[day % Alphabet.Length];
            day /= Alphabet.Length;
        }

        RandomNumberGenerator.GetItems(Alphabet, id[DayLength..]);
    });

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
