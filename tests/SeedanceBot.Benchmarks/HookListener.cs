using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Benchmarks;

/// <summary>
/// The bot's webhook route (as <c>BotEndpoints</c> maps it: find the job by id and token, hand Core the body) on a
/// loopback port of its own, for a bot host that is driven pass by pass rather than started.
/// </summary>
internal sealed class HookListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private JobWebhooks? _webhooks;

    private HookListener(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<HookListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var listener = new HookListener(builder.Build());
        listener._app.MapPost("/hooks/video/{jobId}/{token}", async (string jobId, string token, HttpRequest request, CancellationToken cancellationToken) =>
        {
            if (listener._webhooks is not { } webhooks || await webhooks.FindAsync(jobId, token, cancellationToken) is not { } job)
            {
                return Results.NotFound();
            }

            await webhooks.ReceiveAsync(job, request.Body, cancellationToken);
            return Results.Accepted();
        });
        await listener._app.StartAsync();
        var address = listener._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        listener.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return listener;
    }

    public void Serve(JobWebhooks webhooks) => _webhooks = webhooks;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
