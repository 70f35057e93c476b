using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SeedanceBot.Core.Diagnostics;
using SeedanceBot.Core.Replicas;

namespace SeedanceBot;

/// <summary>
/// Metrics in Prometheus text format on <c>GET /metrics</c>: the bot's own meter (commands, quota refusals, jobs by
/// state, job duration, chat reconnects), outgoing HTTP (requests and 429s by host and status), Polly's resilience
/// events (retries, circuit breaker), Kestrel, and the runtime's own meter (GC heap size and collections, working set,
/// thread pool). The resource is <c>service.name=seedancebot</c> with <c>service.instance.id</c> = the replica's id.
/// </summary>
internal static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public const string ServiceName = "seedancebot";

    public static WebApplicationBuilder AddBotTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(static resource => resource.AddDetector(static provider => new ReplicaResource(provider.GetRequiredService<ReplicaIdentity>())))
            .WithMetrics(static metrics => metrics
                .AddMeter(BotMetrics.MeterName, "System.Net.Http", "Polly", "Microsoft.AspNetCore.Hosting", "System.Runtime")
                .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapBotTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    private sealed class ReplicaResource(ReplicaIdentity replica) : IResourceDetector
    {
        public Resource Detect() => new([
            new("service.name", ServiceName),
            new("service.instance.id", replica.Id),
        ]);
    }
}
