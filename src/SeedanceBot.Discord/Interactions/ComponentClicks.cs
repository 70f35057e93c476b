using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Discord.Adapter;
using SeedanceBot.Discord.Contracts;
using SeedanceBot.Discord.Rest;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// The buttons under a result (<c>sb:{action}:{job}</c>), acted on by Core's <see cref="JobActions"/> from stored state.
/// Continue answers with its form (<see cref="ContinueForm"/>) when Core says the video can be continued.
/// Delete removes only the result message the job's <see cref="BotJob.ResultHandle"/> names, and only when the click
/// came from one of that job's own messages: a button id copied onto someone else's message deletes nothing.
/// </summary>
internal sealed class ComponentClicks(JobActions actions, IJobStore store, IDiscordRest rest, InteractionAnswers answers, TimeProvider time, ILogger<InteractionHandler> logger)
{
    public async Task HandleAsync(Interaction interaction, Func<InteractionCallback, Task> respond, CancellationToken cancellationToken)
    {
        if (DiscordMessages.ParseButtonId(interaction.Data?.CustomId) is not var (action, jobId))
        {
            await answers.ReplyPrivatelyAsync(interaction, ChatMessage.Error("That button is not mine any more."), respond, cancellationToken);
            return;
        }

        var caller = InteractionMapping.Caller(interaction);
        if (action == ChatAction.Continue)
        {
            // A modal must be the first answer: decided from the store alone, well inside the 3 seconds.
            if (await actions.ContinueRefusalAsync(jobId, InteractionMapping.Origin(interaction), cancellationToken) is { } refusal)
            {
                await answers.ReplyPrivatelyAsync(interaction, refusal, respond, cancellationToken);
                return;
            }

            await respond(new InteractionCallback(InteractionCallback.Modal, ContinueForm.Open(jobId)));
            return;
        }

        var work = actions.HandleAsync(action, jobId, InteractionMapping.Origin(interaction), caller, InteractionMapping.Context(interaction, time.GetUtcNow()), cancellationToken);
        if (action != ChatAction.Delete)
        {
            await answers.AnswerAsync(interaction, ReplyOf(work), makesJob: action == ChatAction.Reroll, respond, cancellationToken);
            return;
        }

        var outcome = await work;
        if (!outcome.DeleteMessage)
        {
            await answers.ReplyPrivatelyAsync(interaction, outcome.Reply.Message ?? ChatMessage.Error("Nothing to delete."), respond, cancellationToken);
            return;
        }

        var job = await store.GetAsync(jobId, cancellationToken);
        if (job is null || DiscordResultHandle.Parse(job.ResultHandle) is not { } result)
        {
            await answers.ReplyPrivatelyAsync(interaction, ChatMessage.Error("I can't find the message of that video any more; nothing was deleted."), respond, cancellationToken);
            return;
        }

        var clicked = interaction.Message?.Id;
        if (clicked is not null && clicked != result.MessageId && clicked != DiscordStatusHandle.Parse(job.StatusMessageId)?.MessageId)
        {
            Log.ForeignDeleteRefused(logger, jobId, caller.UserId, clicked);
            await answers.ReplyPrivatelyAsync(interaction, ChatMessage.Error("That button does not belong to this message; nothing was deleted."), respond, cancellationToken);
            return;
        }

        if (clicked == result.MessageId)
        {
            await respond(new InteractionCallback(InteractionCallback.DeferredUpdateMessage));
        }
        else
        {
            await answers.ReplyPrivatelyAsync(interaction, outcome.Reply.Message ?? ChatMessage.Private("Deleted."), respond, cancellationToken);
        }

        await DeleteAsync(job, result, cancellationToken);
        Log.MessageDeleted(logger, jobId, caller.UserId);
    }

    private async Task DeleteAsync(BotJob job, DiscordResultHandle result, CancellationToken cancellationToken)
    {
        try
        {
            if (result.IsFollowUp && DiscordReplyContext.Parse(job.ReplyContext) is { } context && context.TokenValidAt(time.GetUtcNow()))
            {
                try
                {
                    await rest.DeleteFollowUpAsync(context.ApplicationId, context.Token, result.MessageId, cancellationToken);
                    return;
                }
                catch (DiscordApiException ex) when (ex.IsExpiredToken && ex.Code != DiscordApiException.UnknownMessage)
                {
                    // The token is gone: the bot token can delete the bot's own message.
                }
            }

            await rest.DeleteMessageAsync(result.ChannelId, result.MessageId, cancellationToken);
        }
        catch (DiscordApiException ex) when (ex.Code == DiscordApiException.UnknownMessage)
        {
            // Already gone.
        }
    }

    private static async Task<CommandReply> ReplyOf(Task<ActionOutcome> outcome) => (await outcome).Reply;
}
