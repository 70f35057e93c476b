using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace SeedanceBot.Seedance.Http;

/// <summary>Adds <c>Authorization: Bearer</c> to every attempt, reading the key when the request goes out.</summary>
internal sealed class SeedanceAuthHandler(IOptionsMonitor<SeedanceOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.CurrentValue.ApiKey);
        return base.SendAsync(request, cancellationToken);
    }
}
