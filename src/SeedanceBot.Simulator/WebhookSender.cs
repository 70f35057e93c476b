using System.Collections.Concurrent;

namespace SeedanceBot.Simulator;

/// <summary>POSTs a finished job to its <c>webhook_url</c> at its finish time, on the simulator's clock; one retry.</summary>
internal sealed class WebhookSender(SimulatorState state, IHttpClientFactory httpClients, ILogger<WebhookSender> logger) : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, ITimer> _timers = new(StringComparer.Ordinal);

    public void Schedule(SimulatorJob job, string mediaBase)
    {
        var due = job.FinishesAt - state.Time.GetUtcNow();
        var timer = state.Time.CreateTimer(
            _ => _ = DeliverAsync(job, mediaBase, attempt: 1),
            null,
            due < TimeSpan.Zero ? TimeSpan.Zero : due,
            Timeout.InfiniteTimeSpan);
        _timers[job.Id] = timer;
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Dispose();
        }
    }

    private async Task DeliverAsync(SimulatorJob job, string mediaBase, int attempt)
    {
        try
        {
            var body = JobJson.Write(job, state.Time.GetUtcNow(), file => SimulatorEndpoints.MediaUrl(state, job, file, mediaBase));
            using var http = httpClients.CreateClient(nameof(WebhookSender));
            using var response = await http.PostAsJsonAsync(new Uri(job.WebhookUrl!), body, SimulatorJsonContext.Default.JsonObject);
            response.EnsureSuccessStatusCode();
            SimulatorLog.WebhookDelivered(logger, job.Id, (int)response.StatusCode);
            if (_timers.TryRemove(job.Id, out var done))
            {
                await done.DisposeAsync();
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            SimulatorLog.WebhookFailed(logger, job.Id, attempt, ex.Message);
            if (attempt == 1 && _timers.TryGetValue(job.Id, out var timer))
            {
                timer.Dispose();
                _timers[job.Id] = state.Time.CreateTimer(_ => _ = DeliverAsync(job, mediaBase, attempt: 2), null, RetryDelay, Timeout.InfiniteTimeSpan);
            }
        }
    }
}
