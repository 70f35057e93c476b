using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace SeedanceBot.ModelArk.Http;

/// <summary>Adds <c>Authorization: Bearer {key}</c> to every attempt.</summary>
internal sealed class ArkAuthHandler(IOptions<ModelArkOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ApiKey);
        return base.SendAsync(request, cancellationToken);
    }
}
