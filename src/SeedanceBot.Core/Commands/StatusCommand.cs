using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Commands;

/// <summary>
/// /status [job]: one job (with a fresh video link when done: links expire; and, for a clip made by Continue, the
/// story it belongs to), or the caller's latest jobs.
/// </summary>
public sealed class StatusCommand(IJobStore store, IVideoProvider provider, AdminPolicy admins, TimeProvider time) : ICommandHandler
{
    public const string CommandName = "status";
    private const int RecentCount = 5;

    /// <summary>At most this many earlier clips of a story are listed (each is one store read).</summary>
    private const int StoryShown = 20;

    public string Name => CommandName;

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var id = (command.Options.FirstOrDefault(o => o.Key == "job").Value ?? command.Text).Trim();
        var origin = command.Origin;
        if (id.Length == 0)
        {
            var recent = await store.ListRecentAsync(origin.Platform, origin.WorkspaceId, command.User.UserId, RecentJobs.Since(time.GetUtcNow()), RecentCount, cancellationToken);
            if (recent.Count == 0)
            {
                return CommandReply.Of(ChatMessage.Private("You have no videos yet. Try /video a fox in the snow."));
            }

            var now = time.GetUtcNow();
            return CommandReply.Of(new ChatMessage
            {
                Text = "Your latest videos (use /status <job> for one):",
                Ephemeral = true,
                Fields = [.. recent.Select(j => new ChatField(j.Id, $"{Summary(j)} · {JobMessages.Elapsed(j.CreatedAt, now)} ago", Inline: false))],
            });
        }

        var job = await store.GetAsync(id, cancellationToken);
        if (job is null || job.Origin.Platform != origin.Platform || job.Origin.WorkspaceId != origin.WorkspaceId
            || (job.UserId != command.User.UserId && !admins.IsAdmin(origin.Platform, command.User)))
        {
            return CommandReply.Of(ChatMessage.Error($"I can't find a job '{id}' of yours. /status lists your latest jobs."));
        }

        var message = JobMessages.Status(job, time.GetUtcNow());
        if (JobMessages.LinkExpired(job, provider.Capabilities, time.GetUtcNow()) is { } expired)
        {
            message = message with { Text = message.Text + " " + expired };
        }
        else if (job.State == JobState.Succeeded && job.ProviderJobId is { } providerId)
        {
            var fresh = await provider.GetJobAsync(providerId, CallPriority.Interactive, cancellationToken);
            message = message with { VideoUrl = fresh.VideoUrl ?? job.VideoUrl };
        }

        if (job.Request.ContinuesJobId is not null)
        {
            message = message with { Fields = [.. message.Fields, new ChatField("Story", await StoryAsync(job, cancellationToken), Inline: false)] };
        }

        return CommandReply.Of(message with { Ephemeral = true });
    }

    /// <summary>The clips this one continues, oldest first, then this one: <c>job A → job B → job C (this one)</c>.</summary>
    private async Task<string> StoryAsync(BotJob job, CancellationToken cancellationToken)
    {
        var earlier = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { job.Id };
        var previousId = job.Request.ContinuesJobId;
        var cut = false;
        while (previousId is not null && seen.Add(previousId))
        {
            if (earlier.Count == StoryShown)
            {
                cut = true;
                break;
            }

            var previous = await store.GetAsync(previousId, cancellationToken);
            if (previous is null || previous.Origin.Platform != job.Origin.Platform || previous.Origin.WorkspaceId != job.Origin.WorkspaceId)
            {
                earlier.Add($"job {previousId} (deleted)");
                break;
            }

            earlier.Add($"job {previous.Id}");
            previousId = previous.Request.ContinuesJobId;
        }

        earlier.Reverse();
        return (cut ? "… → " : string.Empty) + string.Join(" → ", earlier) + $" → job {job.Id} (this one)";
    }

    private static string Summary(BotJob job)
    {
        var prompt = job.Request.Prompt ?? string.Join(" | ", job.Request.Scenes?.Select(s => s.Prompt) ?? []);
        var shortPrompt = prompt.Length > 60 ? prompt[..60] + "…" : prompt;
        var state = job.State switch
        {
            JobState.Succeeded => job.Delivery == DeliveryState.Delivered ? "delivered" : "done",
            JobState.Running => $"generating{(job.Progress is { } p ? $" {p}%" : string.Empty)}",
            _ => job.State.ToString().ToLowerInvariant(),
        };
        return $"{state} · {shortPrompt}";
    }
}
