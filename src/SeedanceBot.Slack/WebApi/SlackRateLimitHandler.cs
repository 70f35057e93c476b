using System.Net;

namespace SeedanceBot.Slack.WebApi;

/// <summary>Puts every Web API request through the <see cref="SlackRateLimiter"/>: wait, send, learn from a 429.</summary>
internal sealed class SlackRateLimitHandler(SlackRateLimiter limiter) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> MethodKey = new("slack-method");
    public static readonly HttpRequestOptionsKey<string> ChannelKey = new("slack-channel");

    /// <summary>Set on calls that change nothing (reads, opening a socket URL): safe to repeat after a 5xx or a network error.</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRepeatKey = new("slack-safe-to-repeat");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Options.TryGetValue(MethodKey, out var name) ? name : request.RequestUri?.AbsolutePath ?? string.Empty;
        request.Options.TryGetValue(ChannelKey, out var channel);
        await limiter.WaitAsync(method, channel, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                _ => SlackRateLimiter.DefaultRetryAfter,
            };
            limiter.RateLimited(method, retryAfter);
        }

        return response;
    }
}
