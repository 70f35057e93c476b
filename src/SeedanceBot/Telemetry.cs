using OpenTelemetry.Metrics;
using SeedanceBot.Core.Diagnostics;

namespace SeedanceBot;

/// <summary>
/// Metrics in Prometheus text format on <c>GET /metrics</c>: the bot's own meter (commands, quota refusals, jobs by
/// state, job duration, chat reconnects), outgoing HTTP (requests and 429s by host and status), Polly's resilience
/// events (retries, circuit breaker), Kestrel, and the runtime's own meter (GC heap size and collections, working set,
/// thread pool).
/// </summary>
internal static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddBotTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(static metrics => metrics
            .AddMeter(BotMetrics.MeterName, "System.Net.Http", "Polly", "Microsoft.AspNetCore.Hosting", "System.Runtime")
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapBotTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
