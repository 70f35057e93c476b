using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// Index keys that sort a user's (or a workspace's) jobs by creation time: a fixed-width hash of the exact ids, then the
/// ticks as 19 digits. Any id works (empty, long, with separators): the ids are length-prefixed before hashing, so
/// "a|b"+"c" and "a"+"b|c" differ, and the key length never depends on them. A day key ends with the columns quota
/// counting reads (<see cref="Counted"/>), so a count reads index keys only, never a document.
/// </summary>
internal static class JobKeys
{
    private const int TicksDigits = 19;

    public static string User(string platform, string workspaceId, string userId) => Hash(platform, workspaceId, userId);

    public static string Workspace(string platform, string workspaceId) => Hash(platform, workspaceId);

    public static string At(string key, long ticks) => key + ticks.ToString("D19", CultureInfo.InvariantCulture);

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

    public static string First(string key) => key + new string('0', TicksDigits);

    public static string Last(string key) => key + new string('9', TicksDigits);

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
