using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Slack.Adapter;
using SeedanceBot.Slack.Contracts;
using SeedanceBot.Slack.WebApi;

namespace SeedanceBot.Slack.Events;

/// <summary>
/// How every kind of Slack request is answered: Core's reply in the acknowledgement when it comes within the budget,
/// otherwise an empty acknowledgement and the reply through the response_url.
/// </summary>
internal sealed class SlackResponder(ISlackWebApi api, TimeProvider time, ILogger<SlackRequestHandler> logger)
{
    public const string MissingIds = "This request does not say which workspace, user or channel it comes from, so I can't take it. Please try again from a channel.";

    public static JsonObject Json(SlackMessage message) => JsonSerializer.SerializeToNode(message, SlackJson.Info<SlackMessage>())!.AsObject();

    public static ChatMessage Answer(CommandReply reply) => reply.Message ?? ChatMessage.Private(
        $"Queued as job {reply.JobId}. I'll post its progress in this channel and the video in the thread when it is ready.");

    /// <summary>What is left of <see cref="SlackRequestHandler.AnswerBudget"/> since the request arrived.</summary>
    public TimeSpan Remaining(long received)
    {
        var left = SlackRequestHandler.AnswerBudget - time.GetElapsedTime(received);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Acknowledges with Core's reply when it comes within <paramref name="budget"/>; else empty, the reply following.</summary>
    public async Task AnswerAsync(Task<CommandReply> work, Func<JsonObject?, Task> ack, Uri? responseUrl, TimeSpan budget, CancellationToken cancellationToken)
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

    /// <summary>Posts <paramref name="message"/> (all its parts) through the response_url, when there is one; a failure is logged.</summary>
    public Task RespondLateAsync(Uri? responseUrl, ChatMessage message, CancellationToken cancellationToken) =>
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
}
