using LiteDB;
using SeedanceBot.Core;
using SeedanceBot.Core.Chat;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>Open forms' state, one document per key; expired forms are removed as new ones are saved.</summary>
internal sealed class LiteDbPendingFormStore : IPendingFormStore
{
    private readonly LiteDbContext _context;
    private readonly TimeProvider _time;

    public LiteDbPendingFormStore(LiteDbContext context, TimeProvider time)
    {
        _context = context;
        _time = time;
        _context.AloneAsync(_ => Forms.EnsureIndex(d => d.ExpiresTicks), CancellationToken.None).GetAwaiter().GetResult();
    }

    private ILiteCollection<FormDocument> Forms => _context.Database.GetCollection<FormDocument>("forms");

    public Task<string> SaveAsync(PendingForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var key = PendingFormKeys.New();
        var json = RecordJson.Write(form);
        return _context.WriteAsync(
            _ =>
            {
                Forms.DeleteMany(d => d.ExpiresTicks <= _time.GetUtcNow().UtcTicks);
                Forms.Insert(new FormDocument { Key = key, ExpiresTicks = form.ExpiresAt.UtcTicks, Json = json });
                return key;
            },
            cancellationToken,
            WriteLane.Answer);
    }

    public Task<PendingForm?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!PendingFormKeys.IsWellFormed(key))
        {
            return Task.FromResult<PendingForm?>(null);
        }

        var document = ById.Find(Forms, key);
        return Task.FromResult(document is not null && document.ExpiresTicks > now.UtcTicks ? RecordJson.Read<PendingForm>(document.Json) : null);
    }
}
