using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Tests;

/// <summary>
/// /metrics in Prometheus format after a /video. Alone (no test runs beside it): OpenTelemetry listens to meters by name
/// across the process, so another host's jobs would otherwise show up in these counts.
/// </summary>
[Collection(nameof(MetricsTests))]
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_CountCommandsJobsAndApiCalls_InPrometheusFormat()
    {
        await using var host = await BotHost.StartAsync();
        var jobId = (await host.SendAsync("/video a fox --duration 4")).GetProperty("jobId").GetString()!;
        await host.SendAsync("/help");
        await host.RunUntilAsync(async () => (await host.JobAsync(jobId))?.Delivery == DeliveryState.Delivered);

        // The jobs gauge is the engine's last pass: the one after the delivery may still be to come.
        const string NoneRunning = """seedancebot_jobs{otel_scope_name="SeedanceBot",state="running"} 0""";
        var metrics = string.Empty;
        await host.RunUntilAsync(async () => (metrics = await host.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Token)).Contains(NoneRunning, StringComparison.Ordinal));

        Assert.Contains("""seedancebot_commands_total{otel_scope_name="SeedanceBot",command="video",platform="playground"} 1""", metrics, StringComparison.Ordinal);
        Assert.Contains("""seedancebot_commands_total{otel_scope_name="SeedanceBot",command="help",platform="playground"} 1""", metrics, StringComparison.Ordinal);
        // The outcome the metrics report is the job's (on a loaded machine the simulated job may even time out).
        var outcome = (await host.JobAsync(jobId))!.State.ToString().ToLowerInvariant();
        var ours = string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("seedancebot", StringComparison.Ordinal)));
        Assert.True(ours.Contains($$"""seedancebot_jobs_finished_total{otel_scope_name="SeedanceBot",outcome="{{outcome}}"} 1""", StringComparison.Ordinal), ours);
        Assert.True(ours.Contains($$"""seedancebot_job_duration_seconds_count{otel_scope_name="SeedanceBot",outcome="{{outcome}}"} 1""", StringComparison.Ordinal), ours);
        Assert.Matches("""http_client_request_duration_seconds_count\{[^}]*http_response_status_code="200"[^}]*\} \d+""", metrics);
    }
}
