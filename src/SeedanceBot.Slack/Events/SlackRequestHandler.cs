using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Chat;
using SeedanceBot.Slack.Adapter;
using SeedanceBot.Slack.Contracts;

namespace SeedanceBot.Slack.Events;

/// <summary>
/// One entry for both transports: checks a slash command, a button click or a /video form submission and sends it to
/// the part for its kind (<see cref="SlashCommands"/>, <see cref="BlockActions"/>, <see cref="ViewSubmissions"/>), which
/// turns it into Core calls and acknowledges inside Slack's 3-second window through <c>ack</c> (a Socket Mode frame or
/// the HTTP response body) — with Core's answer when it comes within <see cref="AnswerBudget"/>, otherwise empty, the
/// answer following through the response_url (<see cref="SlackResponder"/>). Errors and refusals are ephemeral. Before anything reaches Core, a request must name its workspace,
/// user and channel by ids of their documented shapes, and be new: each is recorded in the interaction ledger (by its
/// <c>trigger_id</c>, else by what the transport gives) for the replay window, so a replay makes no second job.
/// </summary>
internal sealed class SlackRequestHandler(
    SlashCommands slashCommands,
    BlockActions blockActions,
    ViewSubmissions viewSubmissions,
    IInteractionLedger ledger,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackRequestHandler> logger)
{
    public const string PlatformName = "slack";

    /// <summary>How long Core gets before the bot acknowledges without an answer; well inside Slack's 3 s.</summary>
    public static readonly TimeSpan AnswerBudget = TimeSpan.FromSeconds(2);

    /// <param name="command">The slash command.</param>
    /// <param name="ack">Acknowledges, with an answer or without.</param>
    /// <param name="cancellationToken">Stops later work (the host is stopping).</param>
    /// <param name="replayKey">Tells this request from a replay when it has no <c>trigger_id</c> (the signature, the envelope id).</param>
    public async Task HandleCommandAsync(SlashCommand command, Func<JsonObject?, Task> ack, CancellationToken cancellationToken, string? replayKey = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(ack);
        var received = time.GetTimestamp();
        try
        {
            if (!SlackIds.IsTeam(command.TeamId) || !SlackIds.IsUser(command.UserId) || !SlackIds.IsChannel(command.ChannelId))
            {
                Log.RequestRefused(logger, "slash command", "missing or malformed workspace, user or channel id");
                await ack(Payload(ChatMessage.Error(SlackResponder.MissingIds)));
                return;
            }

            // An answer that comes through the response_url anyway needs nothing before the acknowledgement, not even the
            // ledger: it is acknowledged now, and a replay found after that simply does nothing.
            var plan = slashCommands.Plan(command);
            if (plan.AnswersLate)
            {
                await ack(null);
            }

            // A typed /video is recorded by the reservation of the job it makes, in the same durable write (a replay
            // makes nothing); everything else is recorded in the ledger first.
            var recordedWithItsJob = plan.RecordedWithItsJob ? ReplayKeyOf(command.TriggerId, replayKey) : null;
            if (recordedWithItsJob is null && !await IsFirstTimeAsync(command.TriggerId, replayKey, cancellationToken))
            {
                if (!plan.AnswersLate)
                {
                    await ack(Payload(ChatMessage.Private("I already have this request; it is handled once.")));
                }

                return;
            }

            await slashCommands.HandleAsync(command, plan, received, ack, recordedWithItsJob, cancellationToken);
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
            var known = payload.Type is InteractivePayload.BlockActions
                || (payload.Type is InteractivePayload.ViewSubmission && payload.View?.CallbackId is VideoModal.CallbackId or ContinueModal.CallbackId);
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
                    await blockActions.HandleAsync(payload, cancellationToken);
                    break;
                case InteractivePayload.ViewSubmission when payload.View?.CallbackId == VideoModal.CallbackId:
                    await viewSubmissions.HandleAsync(payload, ack, cancellationToken);
                    break;
                case InteractivePayload.ViewSubmission when payload.View?.CallbackId == ContinueModal.CallbackId:
                    await viewSubmissions.HandleContinueAsync(payload, ack, cancellationToken);
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
    public static JsonObject Payload(ChatMessage message) => SlackResponder.Json(SlackMessages.Render(message));

    /// <summary>The request as Core records it with the job it makes; null when nothing tells it apart (see <see cref="IsFirstTimeAsync"/>).</summary>
    private ReplayKey? ReplayKeyOf(string? triggerId, string? replayKey) =>
        KeyOf(triggerId, replayKey) is { } key ? new ReplayKey(PlatformName, key, KeepUntil()) : null;

    private static string? KeyOf(string? triggerId, string? replayKey) => triggerId is { Length: > 0 } trigger ? "trigger:" + trigger : replayKey;

    /// <summary>A signed request is accepted while its timestamp is within the window either way of now: kept for both.</summary>
    private DateTimeOffset KeepUntil() => time.GetUtcNow() + (2 * options.Value.MaxTimestampAge);

    /// <summary>Records the request in the ledger: false when it was seen within the replay window (or cannot be told apart).</summary>
    private async Task<bool> IsFirstTimeAsync(string? triggerId, string? replayKey, CancellationToken cancellationToken)
    {
        if (KeyOf(triggerId, replayKey) is not { } key)
        {
            // Nothing tells it apart (no transport calls without a key): taking it could charge twice for one request.
            return true;
        }

        if (await ledger.TryRecordAsync(PlatformName, key, KeepUntil(), cancellationToken))
        {
            return true;
        }

        Log.RequestReplayed(logger, key.Length > 80 ? key[..80] : key);
        return false;
    }
}
