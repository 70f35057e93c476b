using SeedanceBot.Core.Jobs;

namespace SeedanceBot;

/// <summary>The host's own HTTP surface: health, and the provider webhook.</summary>
internal static class BotEndpoints
{
    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet(Readyz.Path, Readyz.HandleAsync);

        // The token authenticates the provider; a finished job object in the body is the result (see JobWebhooks).
        app.MapPost("/hooks/video/{jobId}/{token}", async (string jobId, string token, HttpRequest request, JobWebhooks webhooks, CancellationToken cancellationToken) =>
            await webhooks.HandleAsync(jobId, token, request.Body, cancellationToken) ? Results.Accepted() : Results.NotFound());
        return app;
    }
}
