using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Slack.Adapter;
using SeedanceBot.Slack.Contracts;

namespace SeedanceBot.Slack.Events;

/// <summary>
/// Form submissions: the /video form becomes /video with its fields as typed options; the Continue form becomes Core's
/// <see cref="JobActions.ContinueAsync"/>. A refusal shows in the form itself, next to the prompt, so nothing typed is
/// lost; any other answer follows through the response_url the form was opened with.
/// </summary>
internal sealed class ViewSubmissions(CommandRouter router, JobActions actions, SlackAdmins admins, SlackResponder responder, SubmittedImages images, TimeProvider time, ILogger<SlackRequestHandler> logger)
{
    public async Task HandleAsync(InteractivePayload payload, Func<JsonObject?, Task> ack, CancellationToken cancellationToken)
    {
        if (VideoModal.ReadMetadata(payload.View) is not { } metadata)
        {
            await ack(FormError("This form is out of date; run /video again."));
            return;
        }

        await SubmitAsync(payload, metadata.ChannelId, metadata.ResponseUrl, ack, (team, user) => VideoAsync(payload, Command(payload, team, user, metadata), cancellationToken), cancellationToken);
    }

    public async Task HandleContinueAsync(InteractivePayload payload, Func<JsonObject?, Task> ack, CancellationToken cancellationToken)
    {
        if (ContinueModal.ReadMetadata(payload.View) is not { } metadata)
        {
            await ack(FormError("This form is out of date; click Continue under the video again."));
            return;
        }

        var prompt = ContinueModal.ReadPrompt(payload.View?.State);
        var context = new SlackReplyContext(metadata.ResponseUrl, metadata.ReceivedAt).Serialize();
        await SubmitAsync(payload, metadata.ChannelId, metadata.ResponseUrl, ack, (team, user) =>
            actions.ContinueAsync(metadata.JobId, prompt, SlackRequestHandler.Origin(team, metadata.ChannelId), user, context, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Answers a form inside the acknowledgement when Core is quick (a refusal in the form), otherwise closes the form
    /// and answers through <paramref name="responseUrl"/>; a caller whose admin flag is not known yet is never kept waiting for Slack.
    /// </summary>
    private async Task SubmitAsync(InteractivePayload payload, string channelId, Uri? responseUrl, Func<JsonObject?, Task> ack, Func<string, ChatUser, Task<CommandReply>> submit, CancellationToken cancellationToken)
    {
        var user = payload.User;
        var team = payload.Team?.Id ?? user?.TeamId;
        if (!SlackIds.IsUser(user?.Id) || !SlackIds.IsTeam(team) || !SlackIds.IsChannel(channelId))
        {
            Log.RequestRefused(logger, "form submission", "missing or malformed workspace, user or channel id");
            await ack(FormError(SlackResponder.MissingIds));
            return;
        }

        var received = time.GetTimestamp();
        if (admins.Peek(user.Id) is not { } isAdmin)
        {
            // Not known yet (the lookup started when the form opened has not answered): close the form now and answer
            // through the response_url once users.info says, rather than wait for Slack before the acknowledgement.
            await ack(null);
            var reply = await submit(team, new ChatUser(user.Id, user.Name ?? user.Username, null, await admins.IsAdminAsync(user.Id, cancellationToken)));
            if (reply.Message is { } message)
            {
                await responder.RespondLateAsync(responseUrl, message, cancellationToken);
            }

            return;
        }

        var work = submit(team, new ChatUser(user.Id, user.Name ?? user.Username, null, isAdmin));
        await Task.WhenAny(work, Task.Delay(responder.Remaining(received), time, cancellationToken));
        if (work.IsCompleted)
        {
            var reply = await work;
            // A refusal shows in the form itself, next to the prompt, so nothing typed is lost.
            await ack(reply.Message is { Tone: ChatTone.Error } error ? FormError(error.Text) : null);
            if (reply.Message is { Tone: not ChatTone.Error } other)
            {
                await responder.RespondLateAsync(responseUrl, other, cancellationToken);
            }

            return;
        }

        await ack(null);
        if ((await work).Message is { } late)
        {
            await responder.RespondLateAsync(responseUrl, late, cancellationToken);
        }
    }

    /// <summary>The form's files are fetched first (inside the ack budget; a slow download answers through the response_url), then Core decides.</summary>
    private async Task<CommandReply> VideoAsync(InteractivePayload payload, ChatCommand command, CancellationToken cancellationToken)
    {
        var files = VideoModal.ReadFiles(payload.View?.State);
        if (files.Count == 0)
        {
            return await router.HandleAsync(command, cancellationToken);
        }

        var (downloaded, problem) = await images.DownloadAsync(files, cancellationToken);
        return problem is not null
            ? CommandReply.Of(ChatMessage.Error(problem))
            : await router.HandleAsync(command with { Images = downloaded }, cancellationToken);
    }

    private static ChatCommand Command(InteractivePayload payload, string team, ChatUser user, VideoModalMetadata metadata) =>
        new(VideoCommand.CommandName, SlackRequestHandler.Origin(team, metadata.ChannelId), user)
        {
            Options = VideoModal.ReadOptions(payload.View?.State),
            ReplyContext = new SlackReplyContext(metadata.ResponseUrl, metadata.ReceivedAt).Serialize(),
        };

    private static JsonObject FormError(string text) => new()
    {
        ["response_action"] = "errors",
        ["errors"] = new JsonObject { [Core.Commands.VideoOptionNames.Prompt] = text.Length > 1900 ? text[..1900] + "…" : text },
    };
}
