using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Slack.Adapter;
using SeedanceBot.Slack.Contracts;
using SeedanceBot.Slack.WebApi;

namespace SeedanceBot.Slack.Events;

/// <summary>
/// Button clicks under a result, acted on by Core's <see cref="JobActions"/> from stored state and answered through
/// their response_url (the click itself is acknowledged at once). Continue opens its form (<see cref="ContinueModal"/>)
/// when Core says the video can be continued. Delete removes only what the job's record names, and only when the click
/// came from that very message.
/// </summary>
internal sealed class BlockActions(JobActions actions, IJobStore jobs, ISlackWebApi api, SlackAdmins admins, SlackResponder responder, TimeProvider time, ILogger<SlackRequestHandler> logger)
{
    public async Task HandleAsync(InteractivePayload payload, CancellationToken cancellationToken)
    {
        var user = payload.User;
        var team = payload.Team?.Id ?? user?.TeamId;
        var channel = payload.Container?.ChannelId ?? payload.Channel?.Id;
        var responseUrl = Uri.TryCreate(payload.ResponseUrl, UriKind.Absolute, out var url) ? url : null;
        if (!SlackIds.IsUser(user?.Id) || !SlackIds.IsTeam(team) || !SlackIds.IsChannel(channel))
        {
            Log.RequestRefused(logger, "button click", "missing or malformed workspace, user or channel id");
            await responder.RespondLateAsync(responseUrl, ChatMessage.Error(SlackResponder.MissingIds), cancellationToken);
            return;
        }

        if (SlackMessages.ParseAction(payload.Actions is [var first, ..] ? first : null) is not var (action, jobId))
        {
            await responder.RespondLateAsync(responseUrl, ChatMessage.Error("That button is not mine any more."), cancellationToken);
            return;
        }

        if (action == ChatAction.Continue)
        {
            await OpenContinueFormAsync(payload, jobId, team, channel, responseUrl, user.Id, cancellationToken);
            return;
        }

        var isAdmin = action != ChatAction.FreshLink && await admins.IsAdminAsync(user.Id, cancellationToken);
        var caller = new ChatUser(user.Id, user.Name ?? user.Username, null, isAdmin);
        var context = new SlackReplyContext(responseUrl, time.GetUtcNow()).Serialize();
        var outcome = await actions.HandleAsync(action, jobId, SlackRequestHandler.Origin(team, channel), caller, context, cancellationToken);
        var reply = SlackResponder.Answer(outcome.Reply);
        if (outcome.DeleteMessage)
        {
            // Core allowed this user to delete this job: remove what the bot posted for it, and only that.
            var job = await jobs.GetAsync(jobId, cancellationToken);
            if (job is null || !await DeleteResultAsync(job, channel, payload.Container?.MessageTs, cancellationToken))
            {
                Log.DeleteRefused(logger, jobId, user.Id);
                reply = ChatMessage.Error("That button does not belong to this video's message, so nothing was deleted.");
            }
            else
            {
                Log.MessageDeleted(logger, jobId, user.Id);
            }
        }

        await responder.RespondLateAsync(responseUrl, reply, cancellationToken);
    }

    /// <summary>The Continue form, opened at once (its trigger lives 3 seconds) when the store says the video can be continued.</summary>
    private async Task OpenContinueFormAsync(InteractivePayload payload, string jobId, string team, string channel, Uri? responseUrl, string userId, CancellationToken cancellationToken)
    {
        if (await actions.ContinueRefusalAsync(jobId, SlackRequestHandler.Origin(team, channel), cancellationToken) is { } refusal)
        {
            await responder.RespondLateAsync(responseUrl, refusal, cancellationToken);
            return;
        }

        if (payload.TriggerId is not { Length: > 0 } trigger)
        {
            await responder.RespondLateAsync(responseUrl, ChatMessage.Error("Slack did not let me open the form; click Continue again."), cancellationToken);
            return;
        }

        // The submission needs to know whether the caller is an admin: ask now, while they type.
        admins.Warm(userId);
        try
        {
            var metadata = new ContinueModalMetadata(jobId, channel, responseUrl, time.GetUtcNow());
            await api.OpenViewAsync(trigger, ContinueModal.Build(metadata), cancellationToken).WaitAsync(SlackRequestHandler.AnswerBudget, time, cancellationToken);
        }
        catch (Exception ex) when (ex is SlackApiException or TimeoutException)
        {
            Log.ModalFailed(logger, (ex as SlackApiException)?.Error ?? "timeout");
            await responder.RespondLateAsync(responseUrl, ChatMessage.Error("I couldn't open the Continue form; click Continue again."), cancellationToken);
        }
    }

    /// <summary>
    /// Deletes the job's result as the job's record names it (its result handle, else its status message and that
    /// message's thread), when the click came from that very message; false (nothing deleted) otherwise.
    /// </summary>
    private async Task<bool> DeleteResultAsync(BotJob job, string clickChannel, string? clickTs, CancellationToken cancellationToken)
    {
        var result = SlackResultHandle.Parse(job.ResultHandle);
        var status = SlackStatusHandle.Parse(job.StatusMessageId);
        var cards = new[] { result?.Card, status }.OfType<SlackStatusHandle>().Distinct().ToList();
        if (clickTs is null || !cards.Any(c => c.Channel == clickChannel && c.Ts == clickTs))
        {
            return false;
        }

        if (result is not null)
        {
            foreach (var reply in result.Replies)
            {
                await DeleteMessageAsync(reply, cancellationToken);
            }

            foreach (var file in result.Files)
            {
                await DeleteFileAsync(file, cancellationToken);
            }
        }
        else
        {
            await DeleteThreadResultAsync(cards[0], job.Id, cancellationToken);
        }

        foreach (var card in cards)
        {
            await DeleteMessageAsync(card, cancellationToken);
        }

        return true;
    }

    /// <summary>A job delivered before result handles: its replies and file are found in its own card's thread, by its marker and file name.</summary>
    private async Task DeleteThreadResultAsync(SlackStatusHandle card, string jobId, CancellationToken cancellationToken)
    {
        var marker = SlackMessages.MarkerFor(jobId);
        var fileName = SlackMessages.FileNameFor(jobId);
        IReadOnlyList<HistoryMessage> replies;
        try
        {
            replies = await api.GetRepliesAsync(card.Channel, card.Ts, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            // Without history scopes the replies stay; the card still goes.
            Log.CannotCheckEarlierPost(logger, jobId, ex.Error);
            return;
        }

        foreach (var reply in replies.Where(r => r.Ts != card.Ts))
        {
            if (reply.Files is { Count: > 0 } files)
            {
                foreach (var file in files.Where(f => f.Name == fileName))
                {
                    await DeleteFileAsync(file.Id, cancellationToken);
                }
            }
            else if (reply.Text?.Contains(marker, StringComparison.Ordinal) == true)
            {
                await DeleteMessageAsync(new SlackStatusHandle(card.Channel, reply.Ts), cancellationToken);
            }
        }
    }

    private async Task DeleteMessageAsync(SlackStatusHandle message, CancellationToken cancellationToken)
    {
        try
        {
            await api.DeleteMessageAsync(message.Channel, message.Ts, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error is "message_not_found" or "cant_delete_message")
        {
            // Already gone, or removed by someone else.
        }
    }

    private async Task DeleteFileAsync(string fileId, CancellationToken cancellationToken)
    {
        try
        {
            await api.DeleteFileAsync(fileId, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error is "file_not_found" or "file_deleted")
        {
            // Already gone.
        }
    }
}
