using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Discord.Adapter;
using SeedanceBot.Discord.Contracts;
using SeedanceBot.Discord.Rest;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// Answers inside Discord's 3 seconds. A reply Core gives within <see cref="AnswerBudget"/> is sent at once (its further
/// parts as follow-ups); a job admitted in time (<see cref="Core.Jobs.JobAdmission"/>: decided, perhaps not yet on disk)
/// gets a public deferred response, which its status then fills. When Core is
/// slower, the bot cannot know yet whether a refusal is coming, and Discord fixes a deferred response's visibility at
/// the defer (its first follow-up takes the defer's place and ignores its own ephemeral flag), so it defers privately:
/// a late refusal stays private, and a late job's status is posted publicly as a separate follow-up (see
/// <see cref="OriginalResponses"/>). A refusal is therefore never public.
/// </summary>
internal sealed class InteractionAnswers(IDiscordRest rest, InteractionAcks acks, OriginalResponses originals, Core.Jobs.IJobStore jobs, TimeProvider time, Microsoft.Extensions.Logging.ILogger<InteractionHandler> logger)
{
    /// <summary>How long Core gets to answer before the bot defers; well inside Discord's 3 s.</summary>
    public static readonly TimeSpan AnswerBudget = TimeSpan.FromSeconds(2);

    /// <summary>Sends <paramref name="message"/> as the response: its first part in the callback, the rest as follow-ups.</summary>
    public async Task ReplyAsync(Interaction interaction, ChatMessage message, Func<InteractionCallback, Task> respond, CancellationToken cancellationToken)
    {
        var parts = DiscordMessages.Render(message);
        await respond(new InteractionCallback(InteractionCallback.ChannelMessage, parts[0]));
        await FollowUpAsync(interaction, parts.Skip(1), cancellationToken);
        await UploadAsync(interaction, message, cancellationToken);
    }

    /// <summary>A private reply (errors, refusals).</summary>
    public Task ReplyPrivatelyAsync(Interaction interaction, ChatMessage message, Func<InteractionCallback, Task> respond, CancellationToken cancellationToken) =>
        ReplyAsync(interaction, message with { Ephemeral = true }, respond, cancellationToken);

    /// <param name="interaction">What is answered.</param>
    /// <param name="work">Core's answer; a null message means a job was made and its status is the answer.</param>
    /// <param name="makesJob">The work can make a job (/video, a storyboard, a re-roll), whose status is public.</param>
    /// <param name="respond">The transport's first answer.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <param name="admitted">Completes once the job the work makes is admitted, before it is durable (<see cref="Core.Jobs.JobAdmission"/>).</param>
    public async Task AnswerAsync(Interaction interaction, Task<CommandReply> work, bool makesJob, Func<InteractionCallback, Task> respond, CancellationToken cancellationToken, Task<string>? admitted = null)
    {
        await Task.WhenAny(work, (Task?)admitted ?? work, Task.Delay(AnswerBudget, time, cancellationToken));
        if (!work.IsCompleted && admitted is { IsCompletedSuccessfully: true })
        {
            // Admitted: the job's status will own the response, so it is deferred publicly now, while its write goes to
            // disk. The defer says nothing yet ("thinking…"): should the process die before the write is on disk, the
            // interaction shows as failed, never as a job that does not exist.
            acks.DeferredForStatus(interaction.Id);
            await respond(new InteractionCallback(InteractionCallback.DeferredChannelMessage));
            await AfterAdmissionAsync(interaction, work, await admitted, cancellationToken);
            return;
        }

        if (work.IsCompleted)
        {
            var reply = await work;
            if (reply.Replayed)
            {
                Log.InteractionReplayed(logger, interaction.Id);
                await respond(InteractionHandler.ReplayAnswer);
            }
            else if (reply.Message is { } message)
            {
                await ReplyAsync(interaction, message, respond, cancellationToken);
            }
            else
            {
                // Public, for the status of the job Core made: the status owns the response (no private answer can come).
                acks.DeferredForStatus(interaction.Id);
                await respond(new InteractionCallback(InteractionCallback.DeferredChannelMessage));
            }

            return;
        }

        // Claimed here, before the defer; false only when the job's status already took the response (the job exists).
        var isPrivate = !makesJob || await originals.ClaimAsync(interaction.Id, cancellationToken);
        await respond(new InteractionCallback(InteractionCallback.DeferredChannelMessage, isPrivate ? new MessagePayload { Flags = MessagePayload.EphemeralFlag } : null));
        acks.Acknowledged(interaction.Id);
        var late = await work;
        if (late.Replayed)
        {
            // Its original was answered; the deferred answer stays "thinking" rather than touch that one's messages.
            Log.InteractionReplayed(logger, interaction.Id);
            return;
        }

        if (late.Message is not { } answer)
        {
            // A job: its status fills the response, or follows it publicly when the response is private.
            return;
        }

        if (!isPrivate)
        {
            // Cannot happen (the status claimed the response for a job this work made); never show the answer publicly.
            Log.LateAnswerDropped(logger, interaction.Id);
            return;
        }

        var parts = DiscordMessages.Render(answer with { Ephemeral = true });
        await rest.EditOriginalAsync(interaction.ApplicationId, interaction.Token, parts[0] with { Flags = null }, null, cancellationToken);
        await FollowUpAsync(interaction, parts.Skip(1), cancellationToken);
        await UploadAsync(interaction, answer with { Ephemeral = true }, cancellationToken);
    }

    /// <summary>
    /// After a public defer for an admitted job: its status fills the response. Only when the job was not made after
    /// all (its write failed; a group re-run decided otherwise) is there another answer, and it must not show in public:
    /// the public response becomes a neutral line, the answer follows privately, and the public line goes. A write that
    /// failed after its commit (a flush) may have left the job in the store: then it runs, and its status fills the
    /// response, so the store is asked before anything is said.
    /// </summary>
    private async Task AfterAdmissionAsync(Interaction interaction, Task<CommandReply> work, string jobId, CancellationToken cancellationToken)
    {
        CommandReply reply;
        try
        {
            reply = await work;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.InteractionFailed(logger, interaction.Id, ex);
            reply = CommandReply.Of(ChatMessage.Error("Something went wrong on my side; please try again."));
        }

        if ((reply.Message is null && !reply.Replayed) || (!reply.Replayed && await ExistsAsync(jobId, cancellationToken)))
        {
            return;
        }

        Log.AdmittedJobNotMade(logger, interaction.Id);
        try
        {
            await rest.EditOriginalAsync(interaction.ApplicationId, interaction.Token, new MessagePayload { Content = NotQueued, AllowedMentions = AllowedMentions.None }, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Unfilled, a follow-up would take the public response's place: nothing more is sent.
            Log.InteractionFailed(logger, interaction.Id, ex);
            return;
        }

        try
        {
            if (!reply.Replayed && reply.Message is { } answer)
            {
                // The response is filled now, so a follow-up is a message of its own and keeps its ephemeral flag.
                await FollowUpAsync(interaction, DiscordMessages.Render(answer with { Ephemeral = true }), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.InteractionFailed(logger, interaction.Id, ex);
        }
        finally
        {
            await rest.DeleteOriginalAsync(interaction.ApplicationId, interaction.Token, cancellationToken);
        }
    }

    /// <summary>Whether the admitted job is stored after all; a store that cannot say counts as no.</summary>
    private async Task<bool> ExistsAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            return await jobs.GetAsync(jobId, cancellationToken) is not null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The public response's line while the answer to a job not made goes privately (it is deleted after).</summary>
    internal const string NotQueued = "That video was not queued after all.";

    /// <summary>The message's files (a /usage chart and CSV) as one follow-up, as private as the message.</summary>
    private async Task UploadAsync(Interaction interaction, ChatMessage message, CancellationToken cancellationToken)
    {
        if (message.Attachments.Count == 0)
        {
            return;
        }

        var files = message.Attachments.Take(DiscordLimits.FilesPerMessage)
            .Select(a => new DiscordFile(a.FileName, a.Content, a.ContentType, a.Description)).ToList();
        var payload = new MessagePayload
        {
            AllowedMentions = AllowedMentions.None,
            Flags = message.Ephemeral ? MessagePayload.EphemeralFlag : null,
        };
        await rest.FollowUpWithFilesAsync(interaction.ApplicationId, interaction.Token, payload, files, cancellationToken);
    }

    private async Task FollowUpAsync(Interaction interaction, IEnumerable<MessagePayload> parts, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            await rest.FollowUpAsync(interaction.ApplicationId, interaction.Token, part, null, cancellationToken);
        }
    }
}
