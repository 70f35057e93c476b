using Npgsql;
using SeedanceBot.Core.Diagnostics;

namespace SeedanceBot.Storage.Postgres;

/// <summary>PostgreSQL answers a query within a few seconds (from this replica).</summary>
internal sealed class PostgresReadinessProbe(NpgsqlDataSource dataSource, TimeProvider time) : IReadinessProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public string Name => "storage";

    public async ValueTask<Readiness> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(linked.Token);
            return Readiness.Ready("PostgreSQL answers.");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Readiness.NotReady("PostgreSQL did not answer within 5 s.");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or ObjectDisposedException)
        {
            return Readiness.NotReady("PostgreSQL cannot be reached: " + ex.GetType().Name);
        }
    }
}
