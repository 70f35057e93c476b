using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Commands;

/// <summary>
/// The buttons under a finished video: continue (a new clip from its last frame), re-roll (same settings, a new seed),
/// a fresh link (links expire) and delete (requester or admin). All state comes from the store, so buttons keep
/// working after a restart.
/// </summary>
public sealed class JobActions(IJobStore store, VideoCommand video, IVideoProvider provider, AdminPolicy admins, TimeProvider time, Media.IMediaStore media, Media.LastFrames frames)
{
    /// <summary>The longest next-shot prompt a Continue form takes (the platforms' text inputs allow this much).</summary>
    public const int MaxContinuePromptLength = 2000;

    /// <summary>
    /// Why the video of <paramref name="jobId"/> cannot be continued from here, or null when it can: decided from the
    /// store when Continue is clicked, before the adapter asks for the next shot's prompt.
    /// </summary>
    public async Task<ChatMessage?> ContinueRefusalAsync(string jobId, ChatOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var job = await KnownAsync(jobId, origin, cancellationToken);
        return job is null ? Unknown : CannotContinue(job) is { } why ? ChatMessage.Error(why) : null;
    }

    /// <summary>
    /// Continue: a new job for <paramref name="user"/> whose first frame is the last frame of <paramref name="jobId"/>'s
    /// video, with <paramref name="prompt"/> as the next shot and the earlier clip's other settings (ratio, length,
    /// style, camera, motion; a new seed). Its quota and budget are checked like any /video; it records which job it
    /// continues.
    /// </summary>
    public async Task<CommandReply> ContinueAsync(string jobId, string prompt, ChatOrigin origin, ChatUser user, string? replyContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(user);
        var job = await KnownAsync(jobId, origin, cancellationToken);
        if (job is null)
        {
            return CommandReply.Of(Unknown);
        }

        if (CannotContinue(job) is { } why)
        {
            return CommandReply.Of(ChatMessage.Error(why));
        }

        if (string.IsNullOrWhiteSpace(prompt))
        {
            return CommandReply.Of(ChatMessage.Error("Say what happens next: the prompt of the next shot is empty."));
        }

        var request = job.Request with
        {
            Prompt = prompt.Trim(),
            Scenes = null,
            DurationSeconds = job.Request.IsStoryboard ? null : job.Request.DurationSeconds,
            Images = null,
            Seed = null,
            ContinuesJobId = job.Id,
            WebhookUrl = null,
            EndUserId = null,
            MayExistAlready = false,
        };
        var frame = await frames.GetAsync(job, cancellationToken);
        if (frame is null)
        {
            return CommandReply.Of(ChatMessage.Error($"I couldn't fetch the last frame of job {job.Id} from the video API, so nothing was made or charged. Try Continue again in a minute."));
        }

        VideoImage[] first = [new VideoImage { Role = ImageRole.FirstFrame, Content = frame, FileName = $"last frame of job {job.Id}" }];
        return await video.SubmitAsync(origin, user, request, [], first, replyContext, cancellationToken);
    }


    public async Task<ActionOutcome> HandleAsync(string action, string jobId, ChatOrigin origin, ChatUser user, string? replyContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(user);
        var job = await KnownAsync(jobId, origin, cancellationToken);
        if (job is null)
        {
            return new ActionOutcome(CommandReply.Of(Unknown));
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

    private static ChatMessage Unknown => ChatMessage.Error("That video is no longer known to me.");

    /// <summary>A job of this workspace on this platform; null for any other (a button cannot reach across workspaces).</summary>
    private async Task<BotJob?> KnownAsync(string jobId, ChatOrigin origin, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync(jobId, cancellationToken);
        return job is null || job.Origin.Platform != origin.Platform || job.Origin.WorkspaceId != origin.WorkspaceId ? null : job;
    }

    private string? CannotContinue(BotJob job)
    {
        if (job.State != JobState.Succeeded)
        {
            return "Only a finished video can be continued.";
        }

        if (!job.HasLastFrame)
        {
            return "The video API did not return the last frame of that video, so it can't be continued.";
        }

        return JobMessages.LinkExpired(job, provider.Capabilities, time.GetUtcNow()) is not null && job.FinishedAt is { } finished
            ? $"Its last frame is gone: the video API keeps a video's frames for {JobMessages.Elapsed(finished, finished + provider.Capabilities.VideoLinkLifetime!.Value)}. Continue a newer video, or start from a picture of your own with /video."
            : null;
    }
}
