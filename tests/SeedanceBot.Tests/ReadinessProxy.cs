using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SeedanceBot.Testing.Http;

namespace SeedanceBot.Tests;

/// <summary>
/// The smallest load balancer that gates on readiness: each request goes to the next replica (round robin) whose
/// <c>/readyz</c> answers 200 right then; it is never retried elsewhere once sent, so a replica that stops serving
/// while it still looks ready loses the request. No timers: readiness is asked per request.
/// </summary>
internal sealed class ReadinessProxy : IAsyncDisposable
{
    private static readonly HashSet<string> Forwarded = new(StringComparer.OrdinalIgnoreCase) { "X-Slack-Request-Timestamp", "X-Slack-Signature" };
    private readonly Uri[] _upstreams;
    private readonly WebApplication _app;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private int _next;

    private ReadinessProxy(Uri[] upstreams)
    {
        _upstreams = upstreams;
        _app = LoopbackServer.Create();
        _app.Map("/{**path}", ForwardAsync);
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Requests that found no ready replica (answered 503 by the proxy).</summary>
    public int NoneReady => Volatile.Read(ref _noneReady);

    private int _noneReady;

    public System.Collections.Concurrent.ConcurrentQueue<string> NotReadyAnswers { get; } = new();

    public static async Task<ReadinessProxy> StartAsync(params Uri[] upstreams)
    {
        var proxy = new ReadinessProxy(upstreams);
        proxy.Address = await LoopbackServer.StartAsync(proxy._app);
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var first = (uint)Interlocked.Increment(ref _next);
        for (var tried = 0u; tried < _upstreams.Length; tried++)
        {
            var upstream = _upstreams[(int)((first + tried) % _upstreams.Length)];
            if (!await IsReadyAsync(upstream, context.RequestAborted))
            {
                continue;
            }

            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(upstream, context.Request.Path + context.Request.QueryString))
            {
                Content = new ByteArrayContent(body.ToArray()),
            };
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }

            foreach (var header in context.Request.Headers.Where(h => Forwarded.Contains(h.Key)))
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }

            using var response = await _http.SendAsync(request, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } contentType)
            {
                context.Response.ContentType = contentType.ToString();
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            return;
        }

        Interlocked.Increment(ref _noneReady);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
    }

    private async Task<bool> IsReadyAsync(Uri upstream, CancellationToken cancellationToken)
    {
        try
        {
            using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(upstream, "readyz"));
            probe.Headers.ConnectionClose = true;
            using var response = await _http.SendAsync(probe, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                NotReadyAnswers.Enqueue(upstream.Port + " " + await response.Content.ReadAsStringAsync(cancellationToken));
            }

            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _http.Dispose();
    }
}
