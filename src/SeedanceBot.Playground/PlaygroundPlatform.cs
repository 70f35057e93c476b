using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Delivery;
using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Playground;

/// <summary>The playground as a chat platform: status and result are messages keyed by job id, so repeats edit, never duplicate.</summary>
internal sealed class PlaygroundPlatform(PlaygroundChat chat) : IChatPlatform
{
    public const string PlatformName = "playground";
    public const string BotAuthor = "SeedanceBot";

    public string Name => PlatformName;

    /// <summary>The chat message that holds a job's result.</summary>
    public static string ResultId(string jobId) => jobId + ":result";

    public Task<string?> ShowStatusAsync(BotJob job, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var id = job.StatusMessageId ?? job.Id + ":status";
        chat.UpsertFromBot(id, message, null);
        return Task.FromResult<string?>(id);
    }

    public Task<string?> DeliverAsync(BotJob job, JobDelivery delivery, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(delivery);

        // The status message turns into a short summary; the result is its own message (keyed, so a retry edits it).
        if (job.StatusMessageId is { } statusId)
        {
            chat.UpsertFromBot(statusId, delivery.FinalStatus, null);
        }

        var resultId = ResultId(job.Id);
        chat.UpsertFromBot(resultId, delivery.Result, null);
        return Task.FromResult<string?>(resultId);
    }
}
