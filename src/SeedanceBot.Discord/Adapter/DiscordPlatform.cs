using System.Net;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Delivery;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Discord.Contracts;
using SeedanceBot.Discord.Rest;

namespace SeedanceBot.Discord.Adapter;

/// <summary>
/// Discord as Core's chat platform. The status message is the interaction's deferred response while its token lives
/// (15 minutes), or a public follow-up when the response holds a private answer (see <see cref="OriginalResponses"/>),
/// then a channel message the bot posts. The result is a follow-up (or, after the token, a channel message) with the
/// MP4 attached when it fits the upload limit, else linked; when the bot may not post in the channel, a DM. Delivery
/// returns a <see cref="DiscordResultHandle"/> naming what it posted. A retried delivery first looks for its earlier
/// post (the embed footer names the job), and channel posts carry an enforced nonce, so a crash between posting and
/// recording never posts twice.
/// </summary>
internal sealed class DiscordPlatform(IDiscordRest rest, InteractionAcks acks, OriginalResponses originals, IHttpClientFactory httpFactory, TimeProvider time, ILogger<DiscordPlatform> logger) : IChatPlatform
{
    public const string MediaClientName = "discord-media";

    /// <summary>Discord's upload limit for bots, webhooks and interaction responses since 2025-01-16.</summary>
    public const long DefaultUploadLimit = 10 * 1024 * 1024;

    private const long DiscordEpochMilliseconds = 1420070400000;

    public string Name => Interactions.InteractionHandler.PlatformName;

    public async Task<string?> ShowStatusAsync(BotJob job, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(message);
        var parts = DiscordMessages.Render(message with { Ephemeral = false, MentionUserId = null, Actions = [] });
        if (parts.Count > 1)
        {
            // Core keeps status messages short (the prompt is shortened); an edit can only ever be one message.
            Log.StatusTooLong(logger, job.Id, parts.Count);
        }

        var payload = parts[0];
        var context = DiscordReplyContext.Parse(job.ReplyContext);
        var handle = DiscordStatusHandle.Parse(job.StatusMessageId);
        var now = time.GetUtcNow();
        if (context is not null && context.TokenValidAt(now) && handle is null or { IsInteractionMessage: true })
        {
            try
            {
                return await ShowInInteractionAsync(job, context, handle, payload, cancellationToken);
            }
            catch (DiscordApiException ex) when (ex.IsExpiredToken)
            {
                Log.InteractionTokenGone(logger, job.Id, ex.Code);
            }
        }

        if (handle is { Kind: DiscordStatusHandle.Kinds.Channel, PostedAt: { } posted } && now - posted < DiscordStatusHandle.EditableFor)
        {
            try
            {
                await rest.EditMessageAsync(job.Origin.ChannelId, handle.MessageId, payload, cancellationToken);
                return handle.ToString();
            }
            catch (DiscordApiException ex) when (ex.Code is DiscordApiException.OldMessageEditLimit or DiscordApiException.UnknownMessage)
            {
                // Post a fresh status message instead.
            }
        }

        var reply = handle is null ? null : new MessageReference(handle.MessageId, FailIfNotExists: false);
        var created = await rest.CreateMessageAsync(job.Origin.ChannelId, payload with { MessageReference = reply }, null, cancellationToken);
        return new DiscordStatusHandle(DiscordStatusHandle.Kinds.Channel, created.Id, now).ToString();
    }

    public async Task<string?> DeliverAsync(BotJob job, JobDelivery delivery, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(delivery);
        var message = delivery.Result;
        var now = time.GetUtcNow();
        try
        {
            // The status message ends as a one-line summary; the result below is its own message (it pings the requester).
            await ShowStatusAsync(job, delivery.FinalStatus, cancellationToken);
        }
        catch (DiscordApiException ex)
        {
            Log.FinalStatusEditFailed(logger, job.Id, ex.Code);
        }

        if (isRetry && await FindEarlierResultAsync(job, cancellationToken) is { } earlier)
        {
            Log.ResultAlreadyPosted(logger, job.Id);
            return earlier.ToString();
        }

        var context = DiscordReplyContext.Parse(job.ReplyContext);
        var file = message.VideoUrl is { } url ? await DownloadIfFitsAsync(url, context?.AttachmentSizeLimit ?? DefaultUploadLimit, job.Id, cancellationToken) : null;
        if (file is not null)
        {
            try
            {
                return (await PostAsync(job, context, DiscordMessages.Render(message, job.Id, videoAttached: true), file, now, cancellationToken)).ToString();
            }
            catch (DiscordApiException ex) when (ex.Status == HttpStatusCode.RequestEntityTooLarge)
            {
                Log.UploadTooLarge(logger, job.Id, file.Content.Length);
            }
        }

        return (await PostAsync(job, context, DiscordMessages.Render(message, job.Id), null, now, cancellationToken)).ToString();
    }

    /// <summary>
    /// The status inside the interaction: its original response, unless a private answer owns that (then the response
    /// gets a private note and the status is a public follow-up, whose flags Discord honours once the response is filled).
    /// </summary>
    private async Task<string> ShowInInteractionAsync(BotJob job, DiscordReplyContext context, DiscordStatusHandle? handle, MessagePayload payload, CancellationToken cancellationToken)
    {
        if (handle is { Kind: DiscordStatusHandle.Kinds.FollowUp })
        {
            await rest.EditFollowUpAsync(context.ApplicationId, context.Token, handle.MessageId, payload, cancellationToken);
            return handle.ToString();
        }

        if (handle is null)
        {
            await acks.WaitAsync(context.InteractionId, cancellationToken);
            if (!acks.TakeDeferredForStatus(context.InteractionId) && !await originals.ClaimAsync(context.InteractionId, cancellationToken))
            {
                var note = DiscordMessages.Render(ChatMessage.Private($"Your video is queued as job {job.Id}; its progress is shown below for everyone."))[0];
                await rest.EditOriginalAsync(context.ApplicationId, context.Token, note with { Flags = null }, null, cancellationToken);
                var status = await rest.FollowUpAsync(context.ApplicationId, context.Token, payload, null, cancellationToken);
                return new DiscordStatusHandle(DiscordStatusHandle.Kinds.FollowUp, status.Id, null).ToString();
            }
        }

        var edited = await rest.EditOriginalAsync(context.ApplicationId, context.Token, payload, null, cancellationToken);
        return new DiscordStatusHandle(DiscordStatusHandle.Kinds.Original, edited.Id, null).ToString();
    }

    /// <summary>Posts the parts in order (the file with the first); returns the handle of the first, which carries the buttons and the footer.</summary>
    private async Task<DiscordResultHandle> PostAsync(BotJob job, DiscordReplyContext? context, IReadOnlyList<MessagePayload> parts, DiscordFile? file, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DiscordResultHandle? first = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var posted = await PostOneAsync(job, context, parts[i], i == 0 ? file : null, i == 0 ? "sb-" + job.Id : $"sb-{job.Id}-{i}", now, cancellationToken);
            first ??= posted;
        }

        return first!;
    }

    private async Task<DiscordResultHandle> PostOneAsync(BotJob job, DiscordReplyContext? context, MessagePayload payload, DiscordFile? file, string nonce, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (context is not null && context.TokenValidAt(now))
        {
            try
            {
                var followUp = await rest.FollowUpAsync(context.ApplicationId, context.Token, payload, file, cancellationToken);
                return new DiscordResultHandle(true, followUp.ChannelId ?? job.Origin.ChannelId, followUp.Id);
            }
            catch (DiscordApiException ex) when (ex.IsExpiredToken)
            {
                Log.InteractionTokenGone(logger, job.Id, ex.Code);
            }
        }

        var status = DiscordStatusHandle.Parse(job.StatusMessageId);
        var inChannel = payload with
        {
            MessageReference = status is null ? null : new MessageReference(status.MessageId, FailIfNotExists: false),
            Nonce = nonce,
            EnforceNonce = true,
        };
        try
        {
            var created = await rest.CreateMessageAsync(job.Origin.ChannelId, inChannel, file, cancellationToken);
            return new DiscordResultHandle(false, job.Origin.ChannelId, created.Id);
        }
        catch (DiscordApiException ex) when (ex.IsAccessProblem)
        {
            Log.FallingBackToDirectMessage(logger, job.Id, job.Origin.ChannelId, ex.Code);
            var direct = await rest.OpenDirectMessageAsync(job.UserId, cancellationToken);
            var sent = await rest.CreateMessageAsync(direct.Id, payload with { Nonce = nonce, EnforceNonce = true }, file, cancellationToken);
            return new DiscordResultHandle(false, direct.Id, sent.Id);
        }
    }

    /// <summary>Looks for a message after the job started whose embed footer names the job.</summary>
    private async Task<DiscordResultHandle?> FindEarlierResultAsync(BotJob job, CancellationToken cancellationToken)
    {
        var after = ((job.CreatedAt.ToUnixTimeMilliseconds() - DiscordEpochMilliseconds) << 22).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var footer = DiscordMessages.FooterFor(job.Id);
        try
        {
            var messages = await rest.GetMessagesAfterAsync(job.Origin.ChannelId, after, 100, cancellationToken);
            return messages.FirstOrDefault(m => m.Embeds?.Any(e => e.Footer?.Text == footer) == true) is { } found
                ? new DiscordResultHandle(false, job.Origin.ChannelId, found.Id)
                : null;
        }
        catch (DiscordApiException ex) when (ex.IsAccessProblem)
        {
            // The bot cannot read the channel (interaction-only install): it cannot tell, so it posts again.
            Log.CannotCheckEarlierPost(logger, job.Id, ex.Code);
            return null;
        }
    }

    /// <summary>Downloads the video when its size is known to fit (checked from the headers before reading the body).</summary>
    private async Task<DiscordFile?> DownloadIfFitsAsync(Uri url, long limit, string jobId, CancellationToken cancellationToken)
    {
        try
        {
            var http = httpFactory.CreateClient(MediaClientName);
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Log.VideoDownloadFailed(logger, jobId, (int)response.StatusCode);
                return null;
            }

            if (response.Content.Headers.ContentLength is not { } length || length > limit)
            {
                Log.VideoTooLargeToAttach(logger, jobId, response.Content.Headers.ContentLength ?? -1, limit);
                return null;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var type = response.Content.Headers.ContentType?.MediaType ?? "video/mp4";
            return bytes.Length <= limit ? new DiscordFile($"seedance-{jobId}.mp4", bytes, type, "Video made by SeedanceBot") : null;
        }
        catch (HttpRequestException ex)
        {
            Log.VideoDownloadError(logger, jobId, ex);
            return null;
        }
    }
}
