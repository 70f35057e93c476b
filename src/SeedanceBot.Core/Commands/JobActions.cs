using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Commands;

/// <summary>
/// The buttons under a finished video: re-roll (same settings, a new seed), a fresh link (links expire) and delete
/// (requester or admin). All state comes from the store, so buttons keep working after a restart.
/// </summary>
public sealed class JobActions(IJobStore store, VideoCommand video, IVideoProvider provider, AdminPolicy admins, TimeProvider time, Media.IMediaStore media)
{
    public async Task<ActionOutcome> HandleAsync(string action, string jobId, ChatOrigin origin, ChatUser user, string? replyContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(user);
        var job = await store.GetAsync(jobId, cancellationToken);
        if (job is null || job.Origin.Platform != origin.Platform || job.Origin.WorkspaceId != origin.WorkspaceId)
        {
            return new ActionOutcome(CommandReply.Of(ChatMessage.Error("That video is no longer known to me.")));
        }

        switch (action)
        {
            case ChatAction.Reroll:
                // Anyone who sees the video may re-roll it; the new job is theirs and counts against their quota.
                var request = job.Request with { Seed = System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue) };
                return new ActionOutcome(await video.CreateAsync(origin, user, request, cancellationToken, replyContext));
            case ChatAction.FreshLink when JobMessages.LinkExpired(job, provider.Capabilities, time.GetUtcNow()) is { } expired:
                return new ActionOutcome(CommandReply.Of(ChatMessage.Error(expired)));
            case ChatAction.FreshLink when job.State == JobState.Succeeded && job.ProviderJobId is { } providerId:
                var fresh = await provider.GetJobAsync(providerId, CallPriority.Interactive, cancellationToken);
                var url = fresh.VideoUrl ?? job.VideoUrl;
                return new ActionOutcome(CommandReply.Of(url is null
                    ? ChatMessage.Error("The video API has no link for that video any more.")
                    : new ChatMessage { Text = $"A fresh link for job {job.Id}:", Ephemeral = true, VideoUrl = url }));
            case ChatAction.FreshLink:
                return new ActionOutcome(CommandReply.Of(ChatMessage.Error("That job has no video.")));
            case ChatAction.Delete when job.UserId == user.UserId || admins.IsAdmin(origin.Platform, user):
                // The job's input images go with its video.
                await media.DeleteJobAsync(job.Id, cancellationToken);
                return new ActionOutcome(CommandReply.Of(ChatMessage.Private($"Deleted the video of job {job.Id}.")), DeleteMessage: true);
            case ChatAction.Delete:
                return new ActionOutcome(CommandReply.Of(ChatMessage.Error("Only the person who asked for this video, or an admin, can delete it.")));
            default:
                return new ActionOutcome(CommandReply.Of(ChatMessage.Error("I don't know that button.")));
        }
    }
}
