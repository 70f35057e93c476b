using System.Security.Cryptography;
using System.Text;
using SeedanceBot.Core.Jobs;

namespace SeedanceBot;

/// <summary>The host's own HTTP surface: health, and the provider webhook.</summary>
internal static class BotEndpoints
{
    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet(Readyz.Path, Readyz.HandleAsync);

        // A webhook is only a hint: the body is ignored and the job is re-read from the API by the poller.
        app.MapPost("/hooks/video/{jobId}/{token}", async (string jobId, string token, IJobStore store, JobTransitions transitions, JobEngine engine, CancellationToken cancellationToken) =>
        {
            var job = await store.GetAsync(jobId, cancellationToken);
            if (job?.WebhookToken is not { } expected
                || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(token)))
            {
                return Results.NotFound();
            }

            await transitions.PollNowAsync(job, cancellationToken);
            engine.Wake();
            return Results.Accepted();
        });
        return app;
    }
}
