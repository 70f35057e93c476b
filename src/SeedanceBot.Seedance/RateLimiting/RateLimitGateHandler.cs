using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Video;
using SeedanceBot.Seedance.Http;

namespace SeedanceBot.Seedance.RateLimiting;

/// <summary>
/// Sends each attempt through the shared <see cref="RateLimitGate"/> and feeds it the response's headers. With a shared
/// <see cref="IRequestBudget"/>, a request also takes one from the server window's budget of every replica; when the
/// others spent it, the gate waits for the next window instead of sending into a 429.
/// </summary>
internal sealed class RateLimitGateHandler(RateLimitGate gate, TimeProvider time, ILogger<RateLimitGateHandler> logger, IRequestBudget? budget = null) : DelegatingHandler
{
    /// <summary>The bucket of the shared budget: Seedance's windows, named by their end.</summary>
    internal const string Bucket = "seedance";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var priority = request.Options.TryGetValue(SeedanceRequestOptions.Priority, out var value) ? value : CallPriority.Normal;
        var shared = budget is { IsShared: true } ? budget : null;
        while (true)
        {
            using var lease = await gate.AcquireAsync(priority, cancellationToken);
            if (shared is not null && lease.Window is { } window && !await TakeAsync(shared, window.End, window.Limit, cancellationToken))
            {
                gate.MarkSpent(window.End);
                continue;
            }

            var response = await base.SendAsync(request, cancellationToken);
            var state = RateLimitState.FromResponse(response, time.GetUtcNow());
            if (shared is not null && lease.Window?.End != state.Reset && state is { IsTooManyRequests: false, Reset: { } reset })
            {
                // It landed in another window than it was counted in (a probe before any window was known, or the
                // server's window moved on): count it where it landed, whatever the limit, so the others see it.
                await TakeAsync(shared, reset, int.MaxValue, cancellationToken);
            }

            lease.Complete(state);
            return response;
        }
    }

    private async Task<bool> TakeAsync(IRequestBudget shared, DateTimeOffset windowEnd, int limit, CancellationToken cancellationToken)
    {
        try
        {
            return await shared.TryTakeAsync(Bucket, windowEnd, limit, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The store is unreachable: count the window as spent (a request the others did not see could meet a 429).
            Log.SharedBudgetUnavailable(logger, ex);
            return false;
        }
    }
}
