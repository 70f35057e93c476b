using LiteDB;
using SeedanceBot.Core.Diagnostics;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>The LiteDB file is open and readable.</summary>
internal sealed class LiteDbReadinessProbe(LiteDbContext context) : IReadinessProbe
{
    public string Name => "storage";

    public ValueTask<Readiness> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            _ = context.Database.GetCollectionNames().Count();
            return ValueTask.FromResult(Readiness.Ready("LiteDB is open."));
        }
        catch (Exception ex) when (ex is LiteException or IOException or UnauthorizedAccessException or StorageUnavailableException or ObjectDisposedException)
        {
            return ValueTask.FromResult(Readiness.NotReady("LiteDB cannot be read: " + ex.GetType().Name));
        }
    }
}
