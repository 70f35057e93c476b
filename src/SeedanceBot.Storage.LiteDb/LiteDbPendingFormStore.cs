using LiteDB;
using SeedanceBot.Core.Chat;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>Open forms' state, one document per key; expired forms are removed as new ones are saved.</summary>
internal sealed class LiteDbPendingFormStore(LiteDbContext context, TimeProvider time) : IPendingFormStore
{
    private ILiteCollection<FormDocument> Forms => context.Database.GetCollection<FormDocument>("forms");

    public async Task<string> SaveAsync(PendingForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var key = PendingFormKeys.New();
        using (await context.EnterWriteAsync(cancellationToken))
        {
            Forms.EnsureIndex(d => d.ExpiresTicks);
            Forms.DeleteMany(d => d.ExpiresTicks <= time.GetUtcNow().UtcTicks);
            Forms.Insert(new FormDocument { Key = key, ExpiresTicks = form.ExpiresAt.UtcTicks, Json = StoreJson.Write(form) });
        }

        return key;
    }

    public Task<PendingForm?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!PendingFormKeys.IsWellFormed(key))
        {
            return Task.FromResult<PendingForm?>(null);
        }

        var document = Forms.FindById(key);
        return Task.FromResult(document is not null && document.ExpiresTicks > now.UtcTicks ? StoreJson.Read<PendingForm>(document.Json) : null);
    }
}
