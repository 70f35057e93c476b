using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Styles;
using SeedanceBot.Slack.Adapter;
using SeedanceBot.Slack.Contracts;
using SeedanceBot.Slack.WebApi;

namespace SeedanceBot.Slack.Events;

/// <summary>
/// Slash commands, once <see cref="SlackRequestHandler"/> found them well formed and new: <c>/video</c> with no text
/// opens the video form (<see cref="VideoModal"/>); everything else goes to Core with the caller's admin flag from
/// <see cref="SlackAdmins"/>'s cache (a caller never looked up is answered after the acknowledgement), and is answered
/// through <see cref="SlackResponder"/>.
/// </summary>
internal sealed class SlashCommands(CommandRouter router, StylesCache styles, ISlackWebApi api, SlackAdmins admins, SlackResponder responder, TimeProvider time, ILogger<SlackRequestHandler> logger)
{
    /// <summary>How <paramref name="command"/> will be answered, from local state only (the admin cache).</summary>
    public SlashPlan Plan(SlashCommand command)
    {
        var name = command.Command.TrimStart('/').Trim();
        var responseUrl = Uri.TryCreate(command.ResponseUrl, UriKind.Absolute, out var url) ? url : null;
        var opensForm = name == VideoCommand.CommandName && string.IsNullOrWhiteSpace(command.Text) && command.TriggerId is { Length: > 0 };

        // Admins may be quota-exempt and see others' jobs; /help and /styles need no flag.
        var needsAdmin = !opensForm && name is not (HelpCommand.CommandName or StylesCommand.CommandName);
        return new SlashPlan(name, responseUrl, needsAdmin ? admins.Peek(command.UserId) : false, opensForm);
    }

    /// <param name="command">The slash command.</param>
    /// <param name="plan">How it is answered (<see cref="Plan"/>); when it answers late, the caller has acknowledged already.</param>
    /// <param name="received">When it arrived (<see cref="TimeProvider.GetTimestamp"/>): the answer budget runs from then.</param>
    /// <param name="ack">Acknowledges, with an answer or without.</param>
    /// <param name="replayKey">The request as the job it makes records it (<see cref="SlashPlan.RecordedWithItsJob"/>); null when the ledger took it.</param>
    /// <param name="cancellationToken">Stops later work (the host is stopping).</param>
    public async Task HandleAsync(SlashCommand command, SlashPlan plan, long received, Func<JsonObject?, Task> ack, ReplayKey? replayKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.OpensForm)
        {
            await OpenVideoFormAsync(command, command.TriggerId!, plan.ResponseUrl, ack, cancellationToken);
            return;
        }

        if (plan.AnswersLate)
        {
            // A caller never looked up: answered through the response_url once users.info says (no remote call before the ack).
            var isAdmin = await admins.IsAdminAsync(command.UserId, cancellationToken);
            var late = await RunAsync(Chat(command, plan.Name, plan.ResponseUrl, isAdmin, replayKey), cancellationToken);
            if (late.Replayed)
            {
                // Acknowledged already, as its original was: a replay found now does nothing.
                return;
            }

            await responder.RespondLateAsync(plan.ResponseUrl, SlackResponder.Answer(late), cancellationToken);
            return;
        }

        // "Queued as job …" is said once the job is on disk (the ack carries the job's id, which must then be found).
        var chat = Chat(command, plan.Name, plan.ResponseUrl, plan.IsAdmin ?? await admins.IsAdminAsync(command.UserId, cancellationToken), replayKey);
        await responder.AnswerAsync(RunAsync(chat, cancellationToken), ack, plan.ResponseUrl, responder.Remaining(received), cancellationToken);
    }

    /// <summary>
    /// Core's answer; files it carries (a /usage chart and CSV) go to the caller's direct messages through the external
    /// upload flow (a file in Slack cannot be private to one person in a channel), and the answer says where they are.
    /// </summary>
    private async Task<CommandReply> RunAsync(ChatCommand chat, CancellationToken cancellationToken)
    {
        var reply = await router.HandleAsync(chat, cancellationToken);
        if (reply.Message is not { Attachments.Count: > 0 } message)
        {
            return reply;
        }

        var userId = chat.User.UserId;
        try
        {
            var channel = await api.OpenDirectMessageAsync(userId, cancellationToken);
            foreach (var file in message.Attachments)
            {
                var bytes = file.Content;
                await api.UploadFileAsync(
                    new SlackUpload(file.FileName, file.Description ?? file.FileName, bytes.Length, _ => Task.FromResult<Stream>(new MemoryStream(bytes.ToArray(), writable: false)), channel, null, null),
                    cancellationToken);
            }

            return reply with { Message = message with { Attachments = [], Text = message.Text + " They are in your direct messages with me." } };
        }
        catch (SlackApiException ex)
        {
            Log.ReportUploadFailed(logger, userId, ex.Error);
            return reply with { Message = message with { Attachments = [], Text = message.Text + " But I could not upload them to your direct messages; please try again." } };
        }
    }

    private ChatCommand Chat(SlashCommand command, string name, Uri? responseUrl, bool isAdmin, ReplayKey? replayKey) =>
        new(name, SlackRequestHandler.Origin(command.TeamId, command.ChannelId), new ChatUser(command.UserId, command.UserName, null, isAdmin), command.Text)
        {
            ReplyContext = new SlackReplyContext(responseUrl, time.GetUtcNow()).Serialize(),
            ReplayKey = replayKey,
        };

    private async Task OpenVideoFormAsync(SlashCommand command, string trigger, Uri? responseUrl, Func<JsonObject?, Task> ack, CancellationToken cancellationToken)
    {
        // The trigger lives 3 seconds: open the form first, with the styles already known (never wait for the API here).
        var metadata = new VideoModalMetadata(command.ChannelId, responseUrl, time.GetUtcNow());

        // The form's submission needs to know whether the caller is an admin: ask now, while they type.
        admins.Warm(command.UserId);
        try
        {
            // The trigger is useless after 3 s: do not let a rate-limit wait push the acknowledgement past that.
            await api.OpenViewAsync(trigger, VideoModal.Build(metadata, styles.Current), cancellationToken).WaitAsync(SlackRequestHandler.AnswerBudget, time, cancellationToken);
            await ack(null);
        }
        catch (Exception ex) when (ex is SlackApiException or TimeoutException)
        {
            Log.ModalFailed(logger, (ex as SlackApiException)?.Error ?? "timeout");
            await ack(SlackRequestHandler.Payload(ChatMessage.Error("I couldn't open the video form. Type the prompt instead: /video <prompt> [options]. See /help.")));
        }
    }
}
