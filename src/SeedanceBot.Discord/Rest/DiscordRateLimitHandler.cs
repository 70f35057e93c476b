using System.Net;
using System.Text.Json;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Rest;

/// <summary>Puts every request through the <see cref="DiscordRateLimiter"/>: wait for its bucket, send, learn from the answer.</summary>
internal sealed class DiscordRateLimitHandler(DiscordRateLimiter limiter) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<DiscordRoute> RouteKey = new("discord-route");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var route = request.Options.TryGetValue(RouteKey, out var known) ? known : DiscordRoute.For(request.Method, request.RequestUri!.AbsolutePath);
        var bucket = await limiter.AcquireAsync(route, cancellationToken);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch
        {
            DiscordRateLimiter.Abandon(bucket);
            throw;
        }

        double? retryAfter = null;
        bool? global = null;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            try
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                var error = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(cancellationToken), DiscordJson.Info<DiscordError>());
                (retryAfter, global) = (error?.RetryAfter, error?.Global);
            }
            catch (JsonException)
            {
                // Cloudflare's own 429 page is not JSON: the Retry-After header says enough.
            }
        }

        limiter.Complete(route, bucket, response, retryAfter, global);
        return response;
    }
}
