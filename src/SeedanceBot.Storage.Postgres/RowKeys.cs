using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SeedanceBot.Storage.Postgres;

/// <summary>
/// Fixed-width keys of a user and a workspace (a hash of the exact, length-prefixed ids), so the day indexes stay small
/// and any id works (empty, 5,000 characters, with separators) without meeting PostgreSQL's index-row size limit.
/// </summary>
internal static class RowKeys
{
    /// <summary>The first key of the workspaces' quota advisory locks (the second is the workspace's); apart from the migration lock.</summary>
    public const int QuotaLockSpace = 0x5EED_0001;

    /// <summary>The first key of the users' quota advisory locks (the second is the user's).</summary>
    public const int UserQuotaLockSpace = 0x5EED_0003;

    public const int MigrationLockSpace = 0x5EED_0000;

    /// <summary>The one lock of the account's API slots (second key 0): every move into a slot takes it, on any replica.</summary>
    public const int ApiSlotsLockSpace = 0x5EED_0002;

    public static Guid User(string platform, string workspaceId, string userId) => new(Hash(platform, workspaceId, userId));

    public static Guid Workspace(string platform, string workspaceId) => new(Hash(platform, workspaceId));

    /// <summary>
    /// The workspace's quota lock, on any replica: a reservation checked against the workspace's caps or money budgets takes it alone
    /// (exclusive); every other reservation in the workspace shares it, so those run side by side but never beside a
    /// capped count.
    /// </summary>
    public static int WorkspaceLock(string platform, string workspaceId) => BinaryPrimitives.ReadInt32LittleEndian(Hash(platform, workspaceId));

    /// <summary>The user's quota lock: a reservation checked against the user's limits or budgets takes it, on any replica.</summary>
    public static int UserLock(string platform, string workspaceId, string userId) => BinaryPrimitives.ReadInt32LittleEndian(Hash(platform, workspaceId, userId));

    private static byte[] Hash(params string[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))[..16];
    }
}
