using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace SeedanceBot.Core.Jobs;

/// <summary>The <c>Jobs</c> section: how the background worker submits, polls and delivers.</summary>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The TimeSpan ranges are read by the source-generated validator, which builds its own trim-safe copies; nothing reflects over these attributes.")]
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>A job not finished this long after submission is failed and refunded.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Expected generation time of any job; the first poll comes near the expected finish.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ExpectedBase { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Expected extra generation time per requested video second.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ExpectedPerVideoSecond { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Never poll one job more often than this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Back-off ceiling between polls of one job.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Status message edits per job are at least this far apart (platform edit limits).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StatusEditInterval { get; set; } = TimeSpan.FromSeconds(15);

    [Range(1, 100)]
    public int MaxDeliveryAttempts { get; set; } = 8;

    /// <summary>Jobs in flight at the API at once for the whole account; more wait in the bot's fair queue.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentJobs { get; set; } = 10;

    /// <summary>
    /// How long a replica's claim on a job lasts unless renewed (it is renewed every third of this while a step runs):
    /// when a replica dies, another takes its jobs over this long after its last renewal.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:10:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Public base URL for provider webhooks (e.g. https://bot.example.com); empty disables webhooks.</summary>
    public Uri? WebhookBaseUrl { get; set; }
}
