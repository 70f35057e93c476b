using System.Text.Json;
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
/// One handler for both transports: turns a slash command, a button click or the /video form into Core calls, and
/// acknowledges inside Slack's 3-second window through <c>ack</c> (a Socket Mode frame or the HTTP response body) —
/// with Core's answer when it comes within <see cref="AnswerBudget"/>, otherwise empty, the answer following through
/// the response_url. Errors and refusals are ephemeral.
/// </summary>
internal sealed class SlackRequestHandler(
    CommandRouter router,
    JobActions actions,
    StylesCache styles,
    ISlackWebApi api,
    SlackAdmins admins,
    TimeProvider time,
    ILogger<SlackRequestHandler> logger)
{
    public const string PlatformName = "slack";

    /// <summary>How long Core gets before the bot acknowledges without an answer; well inside Slack's 3 s.</summary>
    public static readonly TimeSpan AnswerBudget = TimeSpan.FromSeconds(2);

    public async Task HandleCommandAsync(SlashCommand command, Func<JsonObject?, Task> ack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(ack);
        var received = time.GetTimestamp();
        var name = command.Command.TrimStart('/').Trim();
        var responseUrl = Uri.TryCreate(command.ResponseUrl, UriKind.Absolute, out var url) ? url : null;
        try
        {
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

    public async Task HandleInteractiveAsync(InteractivePayload payload, Func<JsonObject?, Task> ack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(ack);
        try
        {
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

    /// <summary>Core's reply as the body of an acknowledgement or a response_url post.</summary>
    public static JsonObject Payload(ChatMessage message) => JsonSerializer.SerializeToNode(SlackMessages.Render(message), SlackJson.Options)!.AsObject();

    private static ChatMessage Answer(CommandReply reply) => reply.Message ?? ChatMessage.Private(
        $"Queued as job {reply.JobId}. I'll post its progress in this channel and the video in the thread when it is ready.");

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
            await ack(Payload(Answer(await work)));
            return;
        }

        await ack(null);
        var late = Answer(await work);
        await RespondLateAsync(responseUrl, late, cancellationToken);
    }

    private async Task RespondLateAsync(Uri? responseUrl, ChatMessage message, CancellationToken cancellationToken)
    {
        if (responseUrl is null)
        {
            return;
        }

        try
        {
            await api.RespondAsync(responseUrl, SlackMessages.Render(message) with { ReplaceOriginal = false }, cancellationToken);
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
        var user = payload.User ?? new SlackRef("unknown");
        if (metadata is null)
        {
            await ack(FormError("This form is out of date; run /video again."));
            return;
        }

        var received = time.GetTimestamp();
        var isAdmin = await admins.IsAdminAsync(user.Id, cancellationToken);
        var command = new ChatCommand(VideoCommand.CommandName, Origin(payload.Team?.Id ?? user.Id, metadata.ChannelId), new ChatUser(user.Id, user.Name ?? user.Username, null, isAdmin))
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

    /// <summary>The result's thread reply (the link and the mention) goes with the card; an uploaded file goes by its id.</summary>
    private async Task DeleteThreadRepliesAsync(string channel, string ts, string jobId, CancellationToken cancellationToken)
    {
        var marker = SlackMessages.MarkerFor(jobId);
        try
        {
            var replies = await api.GetRepliesAsync(channel, ts, cancellationToken);
            foreach (var reply in replies.Where(r => r.Ts != ts && r.Files is not { Count: > 0 } && r.Text?.Contains(marker, StringComparison.Ordinal) == true))
            {
                await api.DeleteMessageAsync(channel, reply.Ts, cancellationToken);
            }
        }
        catch (SlackApiException ex)
        {
            // Without history scopes the reply stays; the card still goes.
            Log.CannotCheckEarlierPost(logger, jobId, ex.Error);
        }
    }

    private static JsonObject FormError(string text) => new()
    {
        ["response_action"] = "errors",
        ["errors"] = new JsonObject { [Core.Commands.VideoOptionNames.Prompt] = text.Length > 1900 ? text[..1900] + "…" : text },
    };

    private async Task ClickAsync(InteractivePayload payload, CancellationToken cancellationToken)
    {
        var user = payload.User ?? new SlackRef("unknown");
        var channel = payload.Channel?.Id ?? payload.Container?.ChannelId ?? string.Empty;
        var responseUrl = Uri.TryCreate(payload.ResponseUrl, UriKind.Absolute, out var url) ? url : null;
        if (SlackMessages.ParseAction(payload.Actions is [var first, ..] ? first : null) is not var (action, jobId, fileId))
        {
            await RespondLateAsync(responseUrl, ChatMessage.Error("That button is not mine any more."), cancellationToken);
            return;
        }

        var isAdmin = action != ChatAction.FreshLink && await admins.IsAdminAsync(user.Id, cancellationToken);
        var caller = new ChatUser(user.Id, user.Name ?? user.Username, null, isAdmin);
        var context = new SlackReplyContext(responseUrl, time.GetUtcNow()).Serialize();
        var outcome = await actions.HandleAsync(action, jobId, Origin(payload.Team?.Id ?? string.Empty, channel), caller, context, cancellationToken);
        if (outcome.DeleteMessage && payload.Container?.MessageTs is { } ts)
        {
            await DeleteThreadRepliesAsync(channel, ts, jobId, cancellationToken);
            await api.DeleteMessageAsync(channel, ts, cancellationToken);
            if (fileId is not null)
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

            Log.MessageDeleted(logger, jobId, user.Id);
        }

        await RespondLateAsync(responseUrl, Answer(outcome.Reply), cancellationToken);
    }
}
