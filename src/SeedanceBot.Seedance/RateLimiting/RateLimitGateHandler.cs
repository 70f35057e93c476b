using SeedanceBot.Core.Video;
using SeedanceBot.Seedance.Http;

namespace SeedanceBot.Seedance.RateLimiting;

/// <summary>Sends each attempt through the shared <see cref="RateLimitGate"/> and feeds it the response's headers.</summary>
internal sealed class RateLimitGateHandler(RateLimitGate gate, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var priority = request.Options.TryGetValue(SeedanceRequestOptions.Priority, out var value) ? value : CallPriority.Normal;
        using var lease = await gate.AcquireAsync(priority, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        lease.Complete(RateLimitState.FromResponse(response, time.GetUtcNow()));
        return response;
    }
}
