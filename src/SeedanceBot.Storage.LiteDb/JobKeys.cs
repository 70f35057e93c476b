using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// Index keys that sort jobs by their day, then a user's (or a workspace's) jobs of that day by creation time: the UTC
/// day as 6 digits, a fixed-width hash of the exact ids, then the ticks as 19 digits. Any id works (empty, long, with
/// separators): the ids are length-prefixed before hashing, so "a|b"+"c" and "a"+"b|c" differ, and the key length never
/// depends on them. A day key ends with the columns quota counting reads (<see cref="Counted"/>), so a count reads
/// index keys only, never a document.
/// </summary>
/// <remarks>
/// Day first, so today's keys are together at the end of the index: a new key goes beside the ones just written, however
/// much history the file holds. With the user first it went at the end of that user's range, between their history and
/// the next user's, whose pages each insert read (the quota benchmark, medians of several runs: 1.71x the empty file's
/// time per reservation at 100,000 earlier jobs user first, 1.46x day first). A range over several days is read one
/// day at a time.
/// </remarks>
internal static class JobKeys
{
    private const int TicksDigits = 19;
    private const int DayDigits = 6;

    /// <summary>The length of a <see cref="User"/> or <see cref="Workspace"/> key: 16 bytes of SHA-256 as hex.</summary>
    private const int KeyLength = 32;

    public static string User(string platform, string workspaceId, string userId) => Hash(platform, workspaceId, userId);

    public static string Workspace(string platform, string workspaceId) => Hash(platform, workspaceId);

    /// <summary>The key of <paramref name="key"/>'s job created at <paramref name="ticks"/> (UTC).</summary>
    public static string At(string key, long ticks) => DayText(DayOf(ticks)) + key + ticks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The UTC day of <paramref name="ticks"/>, as the keys count it.</summary>
    public static long DayOf(long ticks) => Math.Max(0, ticks) / TimeSpan.TicksPerDay;

    /// <summary>The day a key begins with; null for a key of an older format.</summary>
    public static long? DayOfKey(string dayKey) =>
        dayKey is { Length: > DayDigits } && long.TryParse(dayKey.AsSpan(0, DayDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var day) ? day : null;

    /// <summary>The key at <paramref name="ticks"/> followed by <c>:charge:state:seconds</c> (still sorted by the ticks; inside any range of <see cref="At"/>..<see cref="Last"/>).</summary>
    public static string Counted(string key, long ticks, int charge, int state, int seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{At(key, ticks)}:{charge}:{state}:{seconds}");

    /// <summary>The counted columns of a <see cref="Counted"/> key; null for a key written before they were part of it.</summary>
    public static (int Charge, int State, int Seconds)? ReadCounted(string dayKey)
    {
        ArgumentNullException.ThrowIfNull(dayKey);
        var rest = dayKey.AsSpan();
        var first = rest.IndexOf(':');
        if (first < 0)
        {
            return null;
        }

        Span<Range> parts = stackalloc Range[4];
        rest = rest[(first + 1)..];
        return rest.Split(parts, ':') == 3
            && int.TryParse(rest[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var charge)
            && int.TryParse(rest[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var state)
            && int.TryParse(rest[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? (charge, state, seconds)
            : null;
    }

    /// <summary>Before every key of <paramref name="key"/> on <paramref name="day"/>.</summary>
    public static string First(string key, long day) => DayText(day) + key + new string('0', TicksDigits);

    /// <summary>After every key of <paramref name="key"/> on <paramref name="day"/> (counted columns included).</summary>
    public static string Last(string key, long day) => DayText(day) + key + new string('9', TicksDigits);

    /// <summary>Before every key of every user (or workspace) on <paramref name="day"/>.</summary>
    public static string DayFirst(long day) => DayText(day);

    /// <summary>
    /// After every key of every user (or workspace) on <paramref name="day"/>, before the next day's: the next day's
    /// digits alone (LiteDB's collation is the culture's, where punctuation such as "~" need not sort after letters).
    /// </summary>
    public static string DayLast(long day) => DayText(day + 1);

    /// <summary>The user's (or workspace's) key a day key holds; null for a key of an older format.</summary>
    public static string? KeyOfDayKey(string dayKey) =>
        DayOfKey(dayKey) is not null && dayKey.Length >= DayDigits + KeyLength ? dayKey.Substring(DayDigits, KeyLength) : null;

    /// <summary>Before every key of this format (an index range from it to <see cref="Highest"/> leaves out documents without one).</summary>
    public static string Lowest { get; } = DayText(0);

    /// <summary>After every key of this format (the keys' hashes are lower-case hex).</summary>
    public static string Highest { get; } = DayText(999_999) + "~";

    private static string DayText(long day) => day.ToString("D6", CultureInfo.InvariantCulture);

    private static string Hash(params string[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }
}
