using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Core.Delivery;

/// <summary>
/// What Core needs from a chat platform to report a job: show its status message and deliver its final message. Each
/// adapter (Discord, Slack, the playground) implements it; <see cref="Name"/> matches <see cref="ChatOrigin.Platform"/>.
/// </summary>
public interface IChatPlatform
{
    string Name { get; }

    /// <summary>
    /// Posts the job's status message, or edits it when <see cref="BotJob.StatusMessageId"/> is set. Returns the message
    /// id to keep. Editing is idempotent, so a repeated call after a crash does no harm.
    /// </summary>
    Task<string?> ShowStatusAsync(BotJob job, ChatMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers the job's end: <see cref="JobDelivery.Result"/> (the video, or why it failed), mentioning only the
    /// requester, and <see cref="JobDelivery.FinalStatus"/> for the status message, both as Core built them. Called again
    /// with <paramref name="isRetry"/> true when an earlier attempt may have got through: the adapter must then not post
    /// twice. Returns the adapter's handle on what it posted (kept as <see cref="BotJob.ResultHandle"/>), or null.
    /// </summary>
    Task<string?> DeliverAsync(BotJob job, JobDelivery delivery, bool isRetry, CancellationToken cancellationToken);
}
