using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Jobs;

/// <summary>
/// One /video, stored before the API is called and updated as it moves. Everything needed to resume it after a restart
/// lives here: where it came from, what was asked, the provider's handle, the quota charge and the reply handles.
/// </summary>
public sealed record BotJob
{
    /// <summary>The bot's own id: short enough to type in /status, and the provider's idempotency key.</summary>
    public required string Id { get; init; }

    public required ChatOrigin Origin { get; init; }

    public required string UserId { get; init; }

    public string? UserName { get; init; }

    /// <summary>The validated request, with the seed the bot chose when the user gave none.</summary>
    public required VideoRequest Request { get; init; }

    /// <summary>Seconds charged: the request's total.</summary>
    public required int Seconds { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>What the video should cost (<see cref="Costs.CostEstimator"/>), in <see cref="Currency"/>; reserved against money budgets while the job runs. Null when no price applies.</summary>
    public decimal? EstimatedCost { get; init; }

    /// <summary>What it cost once finished: the provider's bill at the configured price; 0 when it failed. Null while it runs.</summary>
    public decimal? Cost { get; init; }

    /// <summary>The currency of <see cref="EstimatedCost"/> and <see cref="Cost"/> (<c>Pricing:Currency</c> when the job was made).</summary>
    public string? Currency { get; init; }

    /// <summary>The money this job counts against budgets now: its cost once known, else its estimate.</summary>
    public decimal Money => Cost ?? EstimatedCost ?? 0m;

    public JobState State { get; init; } = JobState.Queued;

    public ChargeState Charge { get; init; } = ChargeState.Reserved;

    public DeliveryState Delivery { get; init; } = DeliveryState.NotReady;

    public string? ProviderJobId { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public int? Progress { get; init; }

    public DateTimeOffset? NextPollAt { get; init; }

    public int Polls { get; init; }

    /// <summary>Submission attempts that failed transiently (the API was down); the job waits and tries again.</summary>
    public int SubmitAttempts { get; init; }

    public DateTimeOffset? NextSubmitAt { get; init; }

    public Uri? VideoUrl { get; init; }

    /// <summary>
    /// The provider kept the video's last frame (<see cref="ProviderCapabilities.ReturnsLastFrame"/> when it finished):
    /// the result can be continued from it (<see cref="Commands.JobActions.ContinueAsync"/>), which asks for its link then.
    /// </summary>
    public bool HasLastFrame { get; init; }

    /// <summary>Why it failed, in words for the user.</summary>
    public string? Failure { get; init; }

    /// <summary>The adapter's handle on the job's status message (e.g. a message id), once posted.</summary>
    public string? StatusMessageId { get; init; }

    /// <summary>Opaque data the adapter needs to answer (an interaction token, a response_url); never shown.</summary>
    public string? ReplyContext { get; init; }

    public DateTimeOffset? StatusUpdatedAt { get; init; }

    /// <summary>The last status text shown, so an unchanged status is not edited again.</summary>
    public string? StatusShown { get; init; }

    public int DeliveryAttempts { get; init; }

    public DateTimeOffset? NextDeliveryAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>
    /// The adapter's handle on what it posted for the result (message and file ids), once delivered. Buttons act only on
    /// what this names, never on ids a click carries.
    /// </summary>
    public string? ResultHandle { get; init; }

    /// <summary>The unguessable token in this job's webhook URL.</summary>
    public string? WebhookToken { get; init; }

    /// <summary>Optimistic concurrency: the store refuses an update whose version is stale.</summary>
    public int Version { get; init; }

    public bool IsActive => State is JobState.Queued or JobState.Submitting or JobState.Running;

    public bool IsFinished => State is JobState.Succeeded or JobState.Failed;
}
