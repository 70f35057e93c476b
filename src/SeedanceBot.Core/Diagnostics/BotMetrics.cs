using System.Diagnostics.Metrics;
using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Core.Diagnostics;

/// <summary>
/// The bot's own instruments (meter <see cref="MeterName"/>): commands by name, quota refusals, jobs by state, how long
/// jobs take, chat reconnects. The host exports them (with HttpClient's and Polly's) in Prometheus format on /metrics.
/// </summary>
public sealed class BotMetrics
{
    public const string MeterName = "SeedanceBot";

    private readonly Counter<long> _commands;
    private readonly Counter<long> _quotaRefusals;
    private readonly Counter<long> _jobsFinished;
    private readonly Histogram<double> _jobDuration;
    private readonly Counter<long> _reconnects;
    private IReadOnlyDictionary<JobState, int> _jobsByState = new Dictionary<JobState, int>();

    public BotMetrics(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _commands = meter.CreateCounter<long>("seedancebot.commands", "{command}", "Slash commands handled, by command and platform.");
        _quotaRefusals = meter.CreateCounter<long>("seedancebot.quota.refusals", "{refusal}", "Videos refused by the bot's quotas, by reason.");
        _jobsFinished = meter.CreateCounter<long>("seedancebot.jobs.finished", "{job}", "Jobs that ended, by outcome.");
        _jobDuration = meter.CreateHistogram<double>("seedancebot.job.duration", "s", "From the command to the end of generation, by outcome.");
        _reconnects = meter.CreateCounter<long>("seedancebot.chat.reconnects", "{reconnect}", "Chat connections re-opened (Gateway, Socket Mode), by platform.");
        meter.CreateObservableGauge("seedancebot.jobs", () => _jobsByState.Select(p => new Measurement<int>(p.Value, new KeyValuePair<string, object?>("state", p.Key.ToString().ToLowerInvariant()))), "{job}", "Jobs not yet delivered, by state, as of the engine's last pass.");
    }

    public void CommandHandled(string command, string platform) =>
        _commands.Add(1, new("command", command), new("platform", platform));

    public void QuotaRefused(string reason) => _quotaRefusals.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void JobFinished(JobState outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant());
        _jobsFinished.Add(1, tag);
        _jobDuration.Record(duration.TotalSeconds, tag);
    }

    public void Reconnected(string platform) => _reconnects.Add(1, new KeyValuePair<string, object?>("platform", platform));

    /// <summary>The engine's view of the jobs it is moving, for the <c>seedancebot.jobs</c> gauge.</summary>
    public void ActiveJobs(IEnumerable<BotJob> active)
    {
        ArgumentNullException.ThrowIfNull(active);
        var counts = Enum.GetValues<JobState>().ToDictionary(state => state, _ => 0);
        foreach (var job in active)
        {
            counts[job.State]++;
        }

        _jobsByState = counts;
    }
}
