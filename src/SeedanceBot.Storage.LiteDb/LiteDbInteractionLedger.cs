using LiteDB;
using SeedanceBot.Core.Chat;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>Requests taken, one document each under <c>platform:key</c>; the insert's unique id is the check.</summary>
internal sealed class LiteDbInteractionLedger(LiteDbContext context, TimeProvider time) : IInteractionLedger
{
    private const int PruneEvery = 256;
    private int _inserts;

    private ILiteCollection<LedgerDocument> Entries => context.Database.GetCollection<LedgerDocument>("interactions");

    public async Task<bool> TryRecordAsync(string platform, string key, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(key);
        var id = platform + ":" + key;
        using (await context.EnterWriteAsync(cancellationToken))
        {
            var now = time.GetUtcNow().UtcTicks;
            if (Entries.FindById(id) is { } existing && existing.KeepUntilTicks > now)
            {
                return false;
            }

            Entries.Upsert(new LedgerDocument { Key = id, KeepUntilTicks = keepUntil.UtcTicks });
            if (++_inserts % PruneEvery == 0)
            {
                Entries.EnsureIndex(d => d.KeepUntilTicks);
                Entries.DeleteMany(d => d.KeepUntilTicks <= now);
            }

            return true;
        }
    }
}
