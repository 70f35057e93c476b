using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Delivery;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Slack.Contracts;
using SeedanceBot.Slack.Events;
using SeedanceBot.Slack.WebApi;

namespace SeedanceBot.Slack.Adapter;

/// <summary>
/// Slack as Core's chat platform. Slash commands cannot be used in threads, so the status message goes into the channel
/// (edited with chat.update as the job moves) and becomes the result card with its buttons; the video is uploaded into
/// that message's thread with the requester's mention (or, when it is too large, the link is posted there). When the bot
/// is not in the channel it joins it (public channels) or falls back to a direct message and tells the user through the
/// command's response_url, which also carries the finished video's link into that channel while it is valid (a
/// response_url post needs no membership). A retried delivery first looks in the thread for its earlier post, so it
/// never posts twice.
/// </summary>
internal sealed class SlackPlatform(ISlackWebApi api, IHttpClientFactory httpFactory, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackPlatform> logger) : IChatPlatform
{
    public const string MediaClientName = "slack-media";

    public string Name => SlackRequestHandler.PlatformName;

    public async Task<string?> ShowStatusAsync(BotJob job, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(message);
        var rendered = SlackMessages.Render(message with { Ephemeral = false, MentionUserId = null, Actions = [] }) with { ResponseType = null };
        if (SlackStatusHandle.Parse(job.StatusMessageId) is { } handle)
        {
            try
            {
                await api.UpdateMessageAsync(rendered with { Channel = handle.Channel, Ts = handle.Ts }, cancellationToken);
                return handle.ToString();
            }
            catch (SlackApiException ex) when (ex.Error is "message_not_found" or "cant_update_message" or "edit_window_closed")
            {
                Log.StatusEditFailed(logger, job.Id, ex.Error);
            }
        }

        return (await PostAsync(job, rendered with { ThreadTs = job.Origin.ThreadId }, cancellationToken)).ToString();
    }

    public async Task<string?> DeliverAsync(BotJob job, JobDelivery delivery, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(delivery);
        var message = delivery.Result;
        var handle = SlackStatusHandle.Parse(job.StatusMessageId)
            ?? SlackStatusHandle.Parse(await ShowStatusAsync(job, delivery.FinalStatus, cancellationToken))
            ?? throw new InvalidOperationException($"Job {job.Id}: Slack gave no channel and ts for its status message.");

        // 1. The video (or the link) with the requester's mention, in the status message's thread; once only.
        var replies = new List<SlackStatusHandle>();
        var files = new List<string>();
        var earlier = isRetry ? await FindEarlierResultAsync(job, handle, cancellationToken) : null;
        if (earlier is not null)
        {
            Log.ResultAlreadyPosted(logger, job.Id);
            replies.AddRange(earlier.Replies);
            files.AddRange(earlier.Files);
        }
        else
        {
            var fileId = message.VideoUrl is { } url ? await TryUploadAsync(job, message, url, handle, cancellationToken) : null;
            if (fileId is null)
            {
                var mention = SlackMessages.Render(message with { Fields = [], Actions = [] }, job.Id);
                replies.Add(await PostAsync(job, mention with
                {
                    Text = mention.Text + "\n" + SlackMessages.MarkerFor(job.Id),
                    ResponseType = null,
                    ThreadTs = handle.Ts,
                    ReplyBroadcast = options.Value.BroadcastResults ? true : null,
                }, cancellationToken, handle.Channel));
            }
            else
            {
                files.Add(fileId);
                if (options.Value.BroadcastResults)
                {
                    // A file share cannot be broadcast: a short reply that is, pointing to it.
                    var note = SlackMessages.Render(message with { Text = message.Text + " (the video is in the thread)", Fields = [], Actions = [], VideoUrl = null }, job.Id);
                    replies.Add(await PostAsync(job, note with { Text = note.Text + "\n" + SlackMessages.MarkerFor(job.Id), ResponseType = null, ThreadTs = handle.Ts, ReplyBroadcast = true }, cancellationToken, handle.Channel));
                }
            }

            if (handle.Channel != job.Origin.ChannelId && SlackIds.IsChannel(job.Origin.ChannelId))
            {
                await ShareInOriginChannelAsync(job, message, cancellationToken);
            }
        }

        // 2. The status message becomes the result card: everything needed to reproduce it, and the buttons. Should it
        //    need more than one message, the rest goes into the thread, marked as the job's.
        var pages = SlackMessages.RenderAll(message with { MentionUserId = null }, job.Id, videoAttached: files.Count > 0);
        await api.UpdateMessageAsync(pages[0] with { ResponseType = null, Channel = handle.Channel, Ts = handle.Ts }, cancellationToken);
        if (earlier is null)
        {
            foreach (var part in pages.Skip(1))
            {
                replies.Add(await PostAsync(job, part with { Text = part.Text + "\n" + SlackMessages.MarkerFor(job.Id), ResponseType = null, ThreadTs = handle.Ts }, cancellationToken, handle.Channel));
            }
        }

        return new SlackResultHandle(handle, replies, files).Serialize();
    }

    /// <summary>Uploads the video into the thread when its size is known and fits; null when it was not uploaded.</summary>
    private async Task<string?> TryUploadAsync(BotJob job, ChatMessage message, Uri url, SlackStatusHandle handle, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxUploadBytes;
        var http = httpFactory.CreateClient(MediaClientName);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Log.VideoDownloadFailed(logger, job.Id, (int)response.StatusCode);
                return null;
            }

            if (response.Content.Headers.ContentLength is not { } length || length > limit || length == 0)
            {
                Log.VideoTooLarge(logger, job.Id, response.Content.Headers.ContentLength ?? -1, limit);
                return null;
            }

            // The bytes stream from the download straight into the upload: no copy of the video in memory.
            var comment = SlackMessages.Render(message with { Fields = [], Actions = [] }, videoAttached: true).Text + "\n" + SlackMessages.MarkerFor(job.Id);
            var upload = new SlackUpload(SlackMessages.FileNameFor(job.Id), "Video made by SeedanceBot", length,
                ct => response.Content.ReadAsStreamAsync(ct), handle.Channel, handle.Ts, comment);
            try
            {
                return await api.UploadFileAsync(upload, cancellationToken);
            }
            catch (SlackApiException ex) when (ex.IsNotInChannel && ex.FileId is not null)
            {
                // chat:write.public let the status in, but sharing a file needs membership: join, then share it.
                if (!await TryJoinAsync(job, upload.ChannelId, cancellationToken))
                {
                    throw;
                }

                await api.CompleteUploadAsync(ex.FileId, upload, cancellationToken);
                return ex.FileId;
            }
        }
        catch (SlackApiException ex)
        {
            Log.UploadFailed(logger, job.Id, ex.Error);
            return null;
        }
        catch (HttpRequestException ex)
        {
            Log.UploadFailed(logger, job.Id, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// chat.postMessage; on not_in_channel joins a public channel and tries again, else moves to a DM. A job whose channel
    /// is not a channel id (it never should be: such commands are refused) goes to the requester's DM.
    /// </summary>
    private async Task<SlackStatusHandle> PostAsync(BotJob job, SlackMessage message, CancellationToken cancellationToken, string? channel = null)
    {
        var target = channel ?? (SlackIds.IsChannel(job.Origin.ChannelId) ? job.Origin.ChannelId : null);
        if (target is null)
        {
            return Posted(await api.PostMessageAsync(message with { Channel = await DirectMessageAsync(job, cancellationToken), ThreadTs = null }, cancellationToken));
        }

        try
        {
            return Posted(await api.PostMessageAsync(message with { Channel = target }, cancellationToken));
        }
        catch (SlackApiException ex) when (ex.IsNotInChannel)
        {
            if (await TryJoinAsync(job, target, cancellationToken))
            {
                return Posted(await api.PostMessageAsync(message with { Channel = target }, cancellationToken));
            }

            Log.NotInChannel(logger, job.Id, target, ex.Error);
            await TellUserAsync(job, "I'm not a member of this channel, so I'll send this video's progress and result to you in a direct message. Invite me with /invite to get them here next time.", cancellationToken);
            return Posted(await api.PostMessageAsync(message with { Channel = await DirectMessageAsync(job, cancellationToken), ThreadTs = null }, cancellationToken));
        }
    }

    private async Task<string> DirectMessageAsync(BotJob job, CancellationToken cancellationToken) =>
        SlackIds.IsUser(job.UserId)
            ? await api.OpenDirectMessageAsync(job.UserId, cancellationToken)
            : throw new InvalidOperationException($"Job {job.Id} has neither a Slack channel nor a Slack user to post to.");

    private static SlackStatusHandle Posted(PostedMessage posted) =>
        posted is { Channel.Length: > 0, Ts.Length: > 0 }
            ? new SlackStatusHandle(posted.Channel, posted.Ts)
            : throw new InvalidOperationException("chat.postMessage answered without the message's channel and ts.");

    private async Task<bool> TryJoinAsync(BotJob job, string channel, CancellationToken cancellationToken)
    {
        // Only public channels (C...) can be joined; private ones need an /invite.
        if (!options.Value.JoinPublicChannels || !channel.StartsWith('C'))
        {
            return false;
        }

        try
        {
            await api.JoinChannelAsync(channel, cancellationToken);
            Log.JoinedChannel(logger, channel, job.Id);
            return true;
        }
        catch (SlackApiException ex)
        {
            Log.NotInChannel(logger, job.Id, channel, ex.Error);
            return false;
        }
    }

    /// <summary>The bot could not post in the channel: the result's link goes there through the response_url, if still valid.</summary>
    private async Task ShareInOriginChannelAsync(BotJob job, ChatMessage message, CancellationToken cancellationToken)
    {
        if (SlackReplyContext.Parse(job.ReplyContext)?.ResponseUrlAt(time.GetUtcNow()) is not { } responseUrl)
        {
            return;
        }

        try
        {
            var shared = SlackMessages.Render(message with { Fields = [], Actions = [], Ephemeral = false }, job.Id);
            await api.RespondAsync(responseUrl, shared with { ResponseType = SlackMessage.InChannel, ReplaceOriginal = false }, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            Log.LateReplyFailed(logger, ex.Error);
        }
    }

    private async Task TellUserAsync(BotJob job, string text, CancellationToken cancellationToken)
    {
        if (SlackReplyContext.Parse(job.ReplyContext)?.ResponseUrlAt(time.GetUtcNow()) is not { } responseUrl)
        {
            return;
        }

        try
        {
            await api.RespondAsync(responseUrl, SlackMessages.Render(ChatMessage.Private(text)) with { ReplaceOriginal = false }, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            Log.LateReplyFailed(logger, ex.Error);
        }
    }

    /// <summary>Looks in the status message's thread for the job's result: its files and its marked replies; null when there is none.</summary>
    private async Task<EarlierResult?> FindEarlierResultAsync(BotJob job, SlackStatusHandle handle, CancellationToken cancellationToken)
    {
        var marker = SlackMessages.MarkerFor(job.Id);
        var fileName = SlackMessages.FileNameFor(job.Id);
        try
        {
            var replies = new List<SlackStatusHandle>();
            var files = new List<string>();
            foreach (var reply in (await api.GetRepliesAsync(handle.Channel, handle.Ts, cancellationToken)).Where(r => r.Ts != handle.Ts))
            {
                if (reply.Files is { Count: > 0 } shared)
                {
                    files.AddRange(shared.Where(f => f.Name == fileName).Select(f => f.Id));
                }
                else if (reply.Text?.Contains(marker, StringComparison.Ordinal) == true)
                {
                    replies.Add(new SlackStatusHandle(handle.Channel, reply.Ts));
                }
            }

            return replies.Count > 0 || files.Count > 0 ? new EarlierResult(replies, files) : null;
        }
        catch (SlackApiException ex)
        {
            // Without history scopes the bot cannot tell, so it posts again.
            Log.CannotCheckEarlierPost(logger, job.Id, ex.Error);
            return null;
        }
    }

    private sealed record EarlierResult(IReadOnlyList<SlackStatusHandle> Replies, IReadOnlyList<string> Files);
}
