using LiteDB;
using SeedanceBot.Core.Chat;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>Requests taken, one document each under <c>platform:key</c>; the insert's unique id is the check.</summary>
internal sealed class LiteDbInteractionLedger : IInteractionLedger
{
    private const int PruneEvery = 256;
    private readonly LiteDbContext _context;
    private readonly TimeProvider _time;
    private int _inserts;

    public LiteDbInteractionLedger(LiteDbContext context, TimeProvider time)
    {
        _context = context;
        _time = time;
        _context.AloneAsync(_ => Entries.EnsureIndex(d => d.KeepUntilTicks), CancellationToken.None).GetAwaiter().GetResult();
    }

    private ILiteCollection<LedgerDocument> Entries => _context.Database.GetCollection<LedgerDocument>("interactions");

    public Task<bool> TryRecordAsync(string platform, string key, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(key);
        var id = platform + ":" + key;
        return _context.WriteAsync(
            _ =>
            {
                var now = _time.GetUtcNow().UtcTicks;
                if (Entries.FindById(id) is { } existing && existing.KeepUntilTicks > now)
                {
                    return false;
                }

                Entries.Upsert(new LedgerDocument { Key = id, KeepUntilTicks = keepUntil.UtcTicks });
                if (Interlocked.Increment(ref _inserts) % PruneEvery == 0)
                {
                    Entries.DeleteMany(d => d.KeepUntilTicks <= now);
                }

                return true;
            },
            cancellationToken);
    }
}
