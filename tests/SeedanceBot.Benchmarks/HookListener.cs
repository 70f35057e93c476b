using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.Http;

namespace SeedanceBot.Benchmarks;

/// <summary>
/// The bot's webhook route (the same <see cref="JobWebhooks.HandleAsync"/> call <c>BotEndpoints</c> maps) on a loopback
/// port of its own, for a bot host that is driven pass by pass rather than started.
/// </summary>
internal sealed class HookListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private JobWebhooks? _webhooks;

    private HookListener(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<HookListener> StartAsync()
    {
        var listener = new HookListener(LoopbackServer.Create());
        listener._app.MapPost("/hooks/video/{jobId}/{token}", async (string jobId, string token, HttpRequest request, CancellationToken cancellationToken) =>
            listener._webhooks is { } webhooks && await webhooks.HandleAsync(jobId, token, request.Body, cancellationToken) ? Results.Accepted() : Results.NotFound());
        listener.BaseUrl = await LoopbackServer.StartAsync(listener._app);
        return listener;
    }

    public void Serve(JobWebhooks webhooks) => _webhooks = webhooks;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
