using LiteDB;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Usage;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// /usage's read of the ledger: the lines of the asked days only, through an index on their time (<c>AtTicks</c>), so it
/// costs the same with a year of history as with a week; Core's <see cref="UsageQuery.Group"/> buckets them by day.
/// </summary>
internal sealed class LiteDbUsageHistory : IUsageHistory
{
    private readonly LiteDbContext _context;

    public LiteDbUsageHistory(LiteDbContext context)
    {
        _context = context;
        _context.AloneAsync(_ => Ledger.EnsureIndex(d => d.AtTicks), CancellationToken.None).GetAwaiter().GetResult();
    }

    private ILiteCollection<UsageDocument> Ledger => _context.Database.GetCollection<UsageDocument>("usage");

    public Task<IReadOnlyList<UsageDayRow>> UsageByDayAsync(UsageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        if (query.Days == 0)
        {
            return Task.FromResult<IReadOnlyList<UsageDayRow>>([]);
        }

        var lines = Ledger.Find(InRange(query))
            .Select(d => new UsageEntry(d.JobId, d.Platform, d.WorkspaceId, d.UserId, d.UserName, d.Seconds, string.Empty, new DateTimeOffset(d.AtTicks, TimeSpan.Zero), d.Cost, d.Currency));
        return Task.FromResult(query.Group(lines));
    }

    /// <summary>The query's time range on the AtTicks index (its last bound excluded).</summary>
    internal static BsonExpression InRange(UsageQuery query) =>
        BsonExpression.Create("$." + nameof(UsageDocument.AtTicks) + " BETWEEN @0 AND @1", new BsonValue(query.Bounds[0].UtcTicks), new BsonValue(query.Bounds[^1].UtcTicks - 1));
}
