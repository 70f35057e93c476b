using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Styles;
using SeedanceBot.Slack.Adapter;
using SeedanceBot.Slack.Contracts;
using SeedanceBot.Slack.WebApi;

namespace SeedanceBot.Slack.Events;

/// <summary>
/// One handler for both transports: turns a slash command, a button click or the /video form into Core calls, and
/// acknowledges inside Slack's 3-second window through <c>ack</c> (a Socket Mode frame or the HTTP response body) —
/// with Core's answer when it comes within <see cref="AnswerBudget"/>, otherwise empty, the answer following through
/// the response_url. Errors and refusals are ephemeral. Before anything reaches Core, a request must name its workspace,
/// user and channel by ids of their documented shapes, and be new: each is recorded in the interaction ledger (by its
/// <c>trigger_id</c>, else by what the transport gives) for the replay window, so a replay makes no second job.
/// </summary>
internal sealed class SlackRequestHandler(
    CommandRouter router,
    JobActions actions,
    StylesCache styles,
    IJobStore jobs,
    IInteractionLedger ledger,
    ISlackWebApi api,
    SlackAdmins admins,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackRequestHandler> logger)
{
    public const string PlatformName = "slack";

    /// <summary>How long Core gets before the bot acknowledges without an answer; well inside Slack's 3 s.</summary>
    public static readonly TimeSpan AnswerBudget = TimeSpan.FromSeconds(2);

    private const string MissingIds = "This request does not say which workspace, user or channel it comes from, so I can't take it. Please try again from a channel.";

    /// <param name="command">The slash command.</param>
    /// <param name="ack">Acknowledges, with an answer or without.</param>
    /// <param name="cancellationToken">Stops later work (the host is stopping).</param>
    /// <param name="replayKey">Tells this request from a replay when it has no <c>trigger_id</c> (the signature, the envelope id).</param>
    public async Task HandleCommandAsync(SlashCommand command, Func<JsonObject?, Task> ack, CancellationToken cancellationToken, string? replayKey = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(ack);
        var received = time.GetTimestamp();
        var name = command.Command.TrimStart('/').Trim();
        var responseUrl = Uri.TryCreate(command.ResponseUrl, UriKind.Absolute, out var url) ? url : null;
        try
        {
            if (!SlackIds.IsTeam(command.TeamId) || !SlackIds.IsUser(command.UserId) || !SlackIds.IsChannel(command.ChannelId))
            {
                Log.RequestRefused(logger, "slash command", "missing or malformed workspace, user or channel id");
                await ack(Payload(ChatMessage.Error(MissingIds)));
                return;
            }

            if (!await IsFirstTimeAsync(command.TriggerId, replayKey, cancellationToken))
            {
                await ack(Payload(ChatMessage.Private("I already have this request; it is handled once.")));
                return;
            }

            if (name == VideoCommand.CommandName && string.IsNullOrWhiteSpace(command.Text) && command.TriggerId is { Length: > 0 } trigger)
            {
                await OpenVideoFormAsync(command, trigger, responseUrl, ack, cancellationToken);
                return;
            }

            // Admins may be quota-exempt and see others' jobs: look them up (cached; its time counts against the budget).
            var isAdmin = name is not (HelpCommand.CommandName or StylesCommand.CommandName) && await admins.IsAdminAsync(command.UserId, cancellationToken);
            var chat = new ChatCommand(name, Origin(command.TeamId, command.ChannelId), new ChatUser(command.UserId, command.UserName, null, isAdmin), command.Text)
            {
                ReplyContext = new SlackReplyContext(responseUrl, time.GetUtcNow()).Serialize(),
            };
            await AnswerAsync(router.HandleAsync(chat, cancellationToken), ack, responseUrl, Remaining(received), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.RequestFailed(logger, "slash command", ex);
            await ack(Payload(ChatMessage.Error("Something went wrong on my side; please try again.")));
        }
    }

    /// <param name="payload">A button click or a form submission.</param>
    /// <param name="ack">Acknowledges, with an answer or without.</param>
    /// <param name="cancellationToken">Stops later work (the host is stopping).</param>
    /// <param name="replayKey">Tells this request from a replay when it has no <c>trigger_id</c> (the signature, the envelope id).</param>
    public async Task HandleInteractiveAsync(InteractivePayload payload, Func<JsonObject?, Task> ack, CancellationToken cancellationToken, string? replayKey = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(ack);
        try
        {
            var known = payload.Type is InteractivePayload.BlockActions || (payload.Type is InteractivePayload.ViewSubmission && payload.View?.CallbackId == VideoModal.CallbackId);
            if (known && !await IsFirstTimeAsync(payload.TriggerId, replayKey, cancellationToken))
            {
                await ack(null);
                return;
            }

            switch (payload.Type)
            {
                case InteractivePayload.BlockActions:
                    // A click is acknowledged at once; what it does is answered through its response_url.
                    await ack(null);
                    await ClickAsync(payload, cancellationToken);
                    break;
                case InteractivePayload.ViewSubmission when payload.View?.CallbackId == VideoModal.CallbackId:
                    await SubmitVideoFormAsync(payload, ack, cancellationToken);
                    break;
                default:
                    Log.UnknownPayload(logger, payload.Type);
                    await ack(null);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.RequestFailed(logger, payload.Type, ex);
            await ack(null);
        }
    }

    public static ChatOrigin Origin(string teamId, string channelId) => new(PlatformName, teamId, channelId);

    /// <summary>Core's reply as the body of an acknowledgement or a response_url post (its first message, when it needs several).</summary>
    public static JsonObject Payload(ChatMessage message) => Json(SlackMessages.Render(message));

    private static JsonObject Json(SlackMessage message) => JsonSerializer.SerializeToNode(message, SlackJson.Options)!.AsObject();

    private static ChatMessage Answer(CommandReply reply) => reply.Message ?? ChatMessage.Private(
        $"Queued as job {reply.JobId}. I'll post its progress in this channel and the video in the thread when it is ready.");

    /// <summary>Records the request in the ledger: false when it was seen within the replay window (or cannot be told apart).</summary>
    private async Task<bool> IsFirstTimeAsync(string? triggerId, string? replayKey, CancellationToken cancellationToken)
    {
        var key = triggerId is { Length: > 0 } trigger ? "trigger:" + trigger : replayKey;
        if (key is null)
        {
            // Nothing tells it apart (no transport calls without a key): taking it could charge twice for one request.
            return true;
        }

        // A signed request is accepted while its timestamp is within the window either way of now: keep it for both.
        var keepUntil = time.GetUtcNow() + (2 * options.Value.MaxTimestampAge);
        if (await ledger.TryRecordAsync(PlatformName, key, keepUntil, cancellationToken))
        {
            return true;
        }

        Log.RequestReplayed(logger, key.Length > 80 ? key[..80] : key);
        return false;
    }

    /// <summary>What is left of <see cref="AnswerBudget"/> since the request arrived.</summary>
    private TimeSpan Remaining(long received)
    {
        var left = AnswerBudget - time.GetElapsedTime(received);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private async Task AnswerAsync(Task<CommandReply> work, Func<JsonObject?, Task> ack, Uri? responseUrl, TimeSpan budget, CancellationToken cancellationToken)
    {
        await Task.WhenAny(work, Task.Delay(budget, time, cancellationToken));
        if (work.IsCompleted)
        {
            // A long answer (a big style catalogue) is several messages: the first acknowledges, the rest follow.
            var messages = SlackMessages.RenderAll(Answer(await work));
            await ack(Json(messages[0]));
            await RespondLateAsync(responseUrl, messages.Skip(1), cancellationToken);
            return;
        }

        await ack(null);
        var late = Answer(await work);
        await RespondLateAsync(responseUrl, late, cancellationToken);
    }

    private Task RespondLateAsync(Uri? responseUrl, ChatMessage message, CancellationToken cancellationToken) =>
        RespondLateAsync(responseUrl, SlackMessages.RenderAll(message), cancellationToken);

    private async Task RespondLateAsync(Uri? responseUrl, IEnumerable<SlackMessage> messages, CancellationToken cancellationToken)
    {
        if (responseUrl is null)
        {
            return;
        }

        try
        {
            foreach (var message in messages)
            {
                await api.RespondAsync(responseUrl, message with { ReplaceOriginal = false }, cancellationToken);
            }
        }
        catch (SlackApiException ex)
        {
            Log.LateReplyFailed(logger, ex.Error);
        }
    }

    private async Task OpenVideoFormAsync(SlashCommand command, string trigger, Uri? responseUrl, Func<JsonObject?, Task> ack, CancellationToken cancellationToken)
    {
        // The trigger lives 3 seconds: open the form first, with the styles already known (never wait for the API here).
        var metadata = new VideoModalMetadata(command.ChannelId, responseUrl, time.GetUtcNow());
        try
        {
            // The trigger is useless after 3 s: do not let a rate-limit wait push the acknowledgement past that.
            await api.OpenViewAsync(trigger, VideoModal.Build(metadata, styles.Current), cancellationToken).WaitAsync(AnswerBudget, time, cancellationToken);
            await ack(null);
        }
        catch (Exception ex) when (ex is SlackApiException or TimeoutException)
        {
            Log.ModalFailed(logger, (ex as SlackApiException)?.Error ?? "timeout");
            await ack(Payload(ChatMessage.Error("I couldn't open the video form. Type the prompt instead: /video <prompt> [options]. See /help.")));
        }

        // Warm the styles for the next form; a failure here only means the next form offers a text box.
        _ = styles.GetAsync(CancellationToken.None).ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private async Task SubmitVideoFormAsync(InteractivePayload payload, Func<JsonObject?, Task> ack, CancellationToken cancellationToken)
    {
        var metadata = VideoModal.ReadMetadata(payload.View);
        if (metadata is null)
        {
            await ack(FormError("This form is out of date; run /video again."));
            return;
        }

        var user = payload.User;
        var team = payload.Team?.Id ?? user?.TeamId;
        if (!SlackIds.IsUser(user?.Id) || !SlackIds.IsTeam(team) || !SlackIds.IsChannel(metadata.ChannelId))
        {
            Log.RequestRefused(logger, "form submission", "missing or malformed workspace, user or channel id");
            await ack(FormError(MissingIds));
            return;
        }

        var received = time.GetTimestamp();
        var isAdmin = await admins.IsAdminAsync(user.Id, cancellationToken);
        var command = new ChatCommand(VideoCommand.CommandName, Origin(team, metadata.ChannelId), new ChatUser(user.Id, user.Name ?? user.Username, null, isAdmin))
        {
            Options = VideoModal.ReadOptions(payload.View?.State),
            ReplyContext = new SlackReplyContext(metadata.ResponseUrl, metadata.ReceivedAt).Serialize(),
        };
        var work = router.HandleAsync(command, cancellationToken);
        await Task.WhenAny(work, Task.Delay(Remaining(received), time, cancellationToken));
        if (work.IsCompleted)
        {
            var reply = await work;
            // A refusal shows in the form itself, next to the prompt, so nothing typed is lost.
            await ack(reply.Message is { Tone: ChatTone.Error } error ? FormError(error.Text) : null);
            if (reply.Message is { Tone: not ChatTone.Error } other)
            {
                await RespondLateAsync(metadata.ResponseUrl, other, cancellationToken);
            }

            return;
        }

        await ack(null);
        if ((await work).Message is { } late)
        {
            await RespondLateAsync(metadata.ResponseUrl, late, cancellationToken);
        }
    }

    private static JsonObject FormError(string text) => new()
    {
        ["response_action"] = "errors",
        ["errors"] = new JsonObject { [Core.Commands.VideoOptionNames.Prompt] = text.Length > 1900 ? text[..1900] + "…" : text },
    };

    private async Task ClickAsync(InteractivePayload payload, CancellationToken cancellationToken)
    {
        var user = payload.User;
        var team = payload.Team?.Id ?? user?.TeamId;
        var channel = payload.Container?.ChannelId ?? payload.Channel?.Id;
        var responseUrl = Uri.TryCreate(payload.ResponseUrl, UriKind.Absolute, out var url) ? url : null;
        if (!SlackIds.IsUser(user?.Id) || !SlackIds.IsTeam(team) || !SlackIds.IsChannel(channel))
        {
            Log.RequestRefused(logger, "button click", "missing or malformed workspace, user or channel id");
            await RespondLateAsync(responseUrl, ChatMessage.Error(MissingIds), cancellationToken);
            return;
        }

        if (SlackMessages.ParseAction(payload.Actions is [var first, ..] ? first : null) is not var (action, jobId))
        {
            await RespondLateAsync(responseUrl, ChatMessage.Error("That button is not mine any more."), cancellationToken);
            return;
        }

        var isAdmin = action != ChatAction.FreshLink && await admins.IsAdminAsync(user.Id, cancellationToken);
        var caller = new ChatUser(user.Id, user.Name ?? user.Username, null, isAdmin);
        var context = new SlackReplyContext(responseUrl, time.GetUtcNow()).Serialize();
        var outcome = await actions.HandleAsync(action, jobId, Origin(team, channel), caller, context, cancellationToken);
        var reply = Answer(outcome.Reply);
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

        await RespondLateAsync(responseUrl, reply, cancellationToken);
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
