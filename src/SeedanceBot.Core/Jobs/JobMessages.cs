using System.Globalization;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Delivery;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Jobs;

/// <summary>How a job looks in chat: its live status, its result, its failure. Plain text; adapters render it.</summary>
public static class JobMessages
{
    private const int PromptShown = 200;

    public static ChatMessage Status(BotJob job, DateTimeOffset now, int? queuePosition = null, DateTimeOffset? apiResumesAt = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        var throttled = apiResumesAt is { } resumes && resumes > now && job.State is JobState.Queued or JobState.Submitting
            ? $" The video API's rate limit is reached; requests resume in {Elapsed(now, resumes)}."
            : string.Empty;
        var estimate = job.EstimatedCost is { } cost && job.Currency is { } currency ? $" Estimated cost: about {Costs.MoneyText.Format(cost, currency)}." : string.Empty;
        var text = job.State switch
        {
            JobState.Queued when job.NextSubmitAt is not null => $"Waiting for the video API (it is busy or limiting requests); will retry. Job {job.Id}.",
            JobState.Queued when queuePosition is > 1 => $"Queued: position {queuePosition} in line.{estimate} Job {job.Id}.",
            JobState.Queued or JobState.Submitting => $"Queued: next in line.{estimate} Job {job.Id}.",
            JobState.Running => $"Generating{(job.Progress is { } p ? $" {p}%" : string.Empty)} · {Elapsed(job.SubmittedAt ?? job.CreatedAt, now)} elapsed. Job {job.Id}.",
            JobState.Succeeded => $"Done in {Elapsed(job.CreatedAt, job.FinishedAt ?? now)}. Job {job.Id}.",
            _ => $"Failed: {job.Failure}. Job {job.Id}.",
        } + throttled;
        return new ChatMessage { Text = text, Tone = job.State == JobState.Failed ? ChatTone.Error : ChatTone.Progress, Fields = Describe(job) };
    }

    /// <summary>What a finished job's delivery posts: its result, and the one-line summary its status message ends as.</summary>
    public static JobDelivery Delivery(BotJob job, DateTimeOffset now) => new(Result(job, now), Status(job, now) with { Fields = [] });

    public static ChatMessage Result(BotJob job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.State == JobState.Failed)
        {
            return new ChatMessage
            {
                Text = $"Sorry, your video could not be made: {job.Failure} Nothing was charged to your quota.",
                Tone = ChatTone.Error,
                MentionUserId = job.UserId,
                Fields = Describe(job),
            };
        }

        return new ChatMessage
        {
            Text = "Your video is ready.",
            Tone = ChatTone.Success,
            MentionUserId = job.UserId,
            VideoUrl = job.VideoUrl,
            Fields = [.. Describe(job), new ChatField("Took", Elapsed(job.CreatedAt, job.FinishedAt ?? now))],
            Actions =
            [
                .. !job.HasLastFrame ? Array.Empty<ChatAction>() : [new ChatAction(ChatAction.Continue, "Continue", job.Id)],
                new ChatAction(ChatAction.Reroll, "Re-roll", job.Id),
                new ChatAction(ChatAction.FreshLink, "Fresh link", job.Id),
                new ChatAction(ChatAction.Delete, "Delete", job.Id),
            ],
        };
    }

    /// <summary>
    /// When the provider's links stop working a while after a video is made (ModelArk: 24 h, not renewed), says so for a
    /// finished job whose link is past that age, instead of handing out a dead link; null otherwise.
    /// </summary>
    public static string? LinkExpired(BotJob job, ProviderCapabilities capabilities, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(capabilities);
        if (job.State != JobState.Succeeded || capabilities.VideoLinkLifetime is not { } lifetime || job.FinishedAt is not { } finished || now - finished < lifetime)
        {
            return null;
        }

        return $"Its video link expired {Elapsed(finished + lifetime, now)} ago (the video API keeps links for {Elapsed(now - lifetime, now)}). "
            + $"Re-roll it with the same settings, or ask again with --seed {job.Request.Seed} for a close match.";
    }

    /// <summary>What is needed to reproduce a video: prompt, scenes, ratio, duration, style, seed, requester, job id.</summary>
    public static IReadOnlyList<ChatField> Describe(BotJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var request = job.Request;
        var fields = new List<ChatField>
        {
            new("Prompt", Truncate(request.IsStoryboard ? string.Join(" | ", request.Scenes!.Select(s => $"{s.Prompt} [{s.DurationSeconds}s]")) : request.Prompt ?? string.Empty), Inline: false),
        };
        if (request.ContinuesJobId is { } previous)
        {
            fields.Add(new("Continues", $"job {previous}"));
        }

        if (request.IsStoryboard)
        {
            fields.Add(new("Scenes", request.Scenes!.Count.ToString(CultureInfo.InvariantCulture)));
        }

        fields.Add(new("Aspect ratio", request.AspectRatio.ToRatioString()));
        fields.Add(new("Duration", $"{job.Seconds} s"));
        if (request.Style is { } style)
        {
            fields.Add(new("Style", style));
        }

        if (request.Seed is { } seed)
        {
            fields.Add(new("Seed", seed.ToString(CultureInfo.InvariantCulture)));
        }

        if (request.Camera is { IsEmpty: false } camera)
        {
            fields.Add(new("Camera", Camera(camera)));
        }

        if (request.Motion is { } motion)
        {
            fields.Add(new("Motion", motion.ToString().ToLowerInvariant()));
        }

        if (job.Currency is { } money && (job.Cost ?? job.EstimatedCost) is { } amount)
        {
            fields.Add(new("Cost", job.Cost is null ? $"about {Costs.MoneyText.Format(amount, money)} (estimate)" : Costs.MoneyText.Format(amount, money)));
        }

        fields.Add(new("Requested by", job.UserName ?? job.UserId));
        fields.Add(new("Job", job.Id));
        return fields;
    }

    public static string Elapsed(DateTimeOffset from, DateTimeOffset to)
    {
        var span = to - from;
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:00}");
    }

    public static string Camera(CameraMotion camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var moves = new List<string>();
        if (camera.Zoom is { } zoom)
        {
            moves.Add("zoom-" + zoom.ToString().ToLowerInvariant());
        }

        if (camera.Pan is { } pan)
        {
            moves.Add("pan-" + pan.ToString().ToLowerInvariant());
        }

        if (camera.Tilt is { } tilt)
        {
            moves.Add("tilt-" + tilt.ToString().ToLowerInvariant());
        }

        return string.Join(", ", moves);
    }

    private static string Truncate(string text) => text.Length <= PromptShown ? text : text[..PromptShown] + "…";
}
