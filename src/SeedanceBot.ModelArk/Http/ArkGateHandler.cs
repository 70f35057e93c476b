using System.Net;

namespace SeedanceBot.ModelArk.Http;

/// <summary>Every attempt (retries too) takes a slot of the <see cref="ArkRequestGate"/>; a 429 holds the gate.</summary>
internal sealed class ArkGateHandler(ArkRequestGate gate) : DelegatingHandler
{
    private static readonly TimeSpan DefaultHold = TimeSpan.FromSeconds(5);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            gate.Hold(response.Headers.RetryAfter?.Delta ?? DefaultHold);
        }

        return response;
    }
}
