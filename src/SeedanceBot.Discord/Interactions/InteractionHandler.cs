using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Chat;
using SeedanceBot.Discord.Adapter;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// One entry for both transports. <see cref="AdmitAsync"/> checks what the interaction carries
/// (<see cref="InteractionIntake"/>) and records its id in the store's <see cref="IInteractionLedger"/>, so a replay (the
/// same signed request sent again, a Gateway RESUME) is acted on once, across restarts; <see cref="HandleAsync"/> then
/// sends it to the part that handles its kind (<see cref="SlashCommands"/>, <see cref="ModalSubmissions"/>,
/// <see cref="ComponentClicks"/>, <see cref="AutocompleteSuggestions"/>) and keeps errors ephemeral. The transport
/// supplies <c>respond</c>: a REST callback (Gateway) or the HTTP response body.
/// </summary>
internal sealed class InteractionHandler(
    InteractionAnswers answers,
    SlashCommands slashCommands,
    ModalSubmissions modals,
    ComponentClicks clicks,
    AutocompleteSuggestions suggestions,
    IInteractionLedger ledger,
    InteractionAcks acks,
    TimeProvider time,
    ILogger<InteractionHandler> logger)
{
    public const string PlatformName = "discord";

    /// <summary>Longer than any way an interaction comes back: the signed-timestamp window, a RESUME, the 15-minute token.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// The answer to a replay that Core found (a /video recorded with its job): the HTTP transport sends it as the
    /// response; the Gateway's original was answered already, so it sends nothing (<see cref="IsReplayAnswer"/>).
    /// </summary>
    internal static InteractionCallback ReplayAnswer { get; } = new(InteractionCallback.ChannelMessage, DiscordMessages.Render(Core.Commands.CommandReply.Replay.Message!)[0]);

    internal static bool IsReplayAnswer(InteractionCallback callback) => ReferenceEquals(callback, ReplayAnswer);

    public async Task<InteractionAdmission> AdmitAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (InteractionIntake.Unanswerable(interaction) is { } reason)
        {
            Log.InteractionMalformed(logger, reason);
            return InteractionAdmission.Malformed;
        }

        // Pings and autocomplete change nothing; refused ones are never acted on: neither needs the ledger. /video's id is
        // recorded with the job it makes, in the reservation's own write (SlashCommands gives it to Core), so its answer
        // waits for one durable write, not two.
        if (interaction.Type is Interaction.Ping or Interaction.Autocomplete || InteractionIntake.Unusable(interaction) is not null || RecordedWithItsJob(interaction))
        {
            return InteractionAdmission.Accepted;
        }

        if (!await ledger.TryRecordAsync(PlatformName, interaction.Id, time.GetUtcNow() + ReplayWindow, cancellationToken))
        {
            Log.InteractionReplayed(logger, interaction.Id);
            return InteractionAdmission.Replay;
        }

        return InteractionAdmission.Accepted;
    }

    /// <summary>A slash /video: its id is recorded by the reservation of the job it makes (<see cref="ReplayKeyOf"/>).</summary>
    internal static bool RecordedWithItsJob(Interaction interaction) =>
        interaction.Type == Interaction.ApplicationCommand && interaction.Data?.Name == Core.Commands.VideoCommand.CommandName;

    /// <summary>The interaction's id as Core records it, kept for <see cref="ReplayWindow"/>.</summary>
    internal static ReplayKey ReplayKeyOf(Interaction interaction, DateTimeOffset now) => new(PlatformName, interaction.Id, now + ReplayWindow);

    /// <summary>Handles an admitted interaction; never throws (a failure is answered privately when not answered yet).</summary>
    public async Task HandleAsync(Interaction interaction, Func<InteractionCallback, Task> respond, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(respond);
        var answered = false;
        async Task Respond(InteractionCallback callback)
        {
            answered = true;
            await respond(callback);
        }

        try
        {
            acks.Expect(interaction.Id);
            if (InteractionIntake.Unusable(interaction) is { } reason)
            {
                Log.InteractionRefused(logger, interaction.Id, reason);
                await answers.ReplyPrivatelyAsync(interaction, ChatMessage.Error("I can't tell who sent this or where it came from, so I won't act on it."), Respond, cancellationToken);
                return;
            }

            switch (interaction.Type)
            {
                case Interaction.Ping:
                    await Respond(new InteractionCallback(InteractionCallback.Pong));
                    break;
                case Interaction.ApplicationCommand when interaction.Data?.Name is { Length: > 0 }:
                    await slashCommands.HandleAsync(interaction, Respond, cancellationToken);
                    break;
                case Interaction.ModalSubmit:
                    await modals.HandleAsync(interaction, Respond, cancellationToken);
                    break;
                case Interaction.Autocomplete:
                    await suggestions.HandleAsync(interaction, Respond, cancellationToken);
                    break;
                case Interaction.MessageComponent:
                    await clicks.HandleAsync(interaction, Respond, cancellationToken);
                    break;
                default:
                    Log.UnknownInteraction(logger, interaction.Type);
                    await answers.ReplyPrivatelyAsync(interaction, ChatMessage.Error("I can't handle that kind of interaction yet."), Respond, cancellationToken);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.InteractionFailed(logger, interaction.Id, ex);
            if (!answered)
            {
                try
                {
                    await respond(new InteractionCallback(InteractionCallback.ChannelMessage, DiscordMessages.Render(ChatMessage.Error("Something went wrong on my side; please try again."))[0]));
                }
                catch (Exception answerFailed) when (answerFailed is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Log.InteractionFailed(logger, interaction.Id, answerFailed);
                }
            }
        }
        finally
        {
            acks.Acknowledged(interaction.Id);
        }
    }
}
