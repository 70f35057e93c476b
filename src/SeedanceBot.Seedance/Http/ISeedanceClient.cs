using SeedanceBot.Core.Video;
using SeedanceBot.Seedance.Contracts;

namespace SeedanceBot.Seedance.Http;

/// <summary>
/// The product's Seedance v2 contract, typed. Every call passes the process-wide rate-limit gate and the resilience
/// pipeline; failures surface as <see cref="SeedanceApiException"/>.
/// </summary>
public interface ISeedanceClient
{
    /// <summary><c>POST /videos</c> with <c>Idempotency-Key</c>: a retried or repeated call returns the same job.</summary>
    Task<SeedanceJob> SubmitAsync(SeedanceVideoRequest request, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary><c>GET /videos/{id}</c>.</summary>
    Task<SeedanceJob> GetVideoAsync(string id, CallPriority priority, CancellationToken cancellationToken);

    /// <summary><c>GET /styles</c>.</summary>
    Task<IReadOnlyList<SeedanceStyle>> GetStylesAsync(CancellationToken cancellationToken);

    /// <summary><c>GET /account/balance</c>.</summary>
    Task<SeedanceBalance> GetBalanceAsync(CancellationToken cancellationToken);
}
