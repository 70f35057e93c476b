using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// Index keys that sort a user's (or a workspace's) jobs by creation time: a fixed-width hash of the exact ids, then the
/// ticks as 19 digits. Any id works (empty, long, with separators): the ids are length-prefixed before hashing, so
/// "a|b"+"c" and "a"+"b|c" differ, and the key length never depends on them.
/// </summary>
internal static class JobKeys
{
    private const int TicksDigits = 19;

    public static string User(string platform, string workspaceId, string userId) => Hash(platform, workspaceId, userId);

    public static string Workspace(string platform, string workspaceId) => Hash(platform, workspaceId);

    public static string At(string key, long ticks) => key + ticks.ToString("D19", CultureInfo.InvariantCulture);

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
