using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// Slash commands (type 2): <c>/storyboard</c> opens its form (<see cref="StoryboardForm"/>); every other command goes
/// to Core as a <see cref="ChatCommand"/> with its options typed (a subcommand's name under
/// <see cref="QuotaRequestParser.Subcommand"/>, then its own options; a group's name there and its subcommand's under
/// <see cref="QuotaRequestParser.BudgetScopeOption"/>), answered through <see cref="InteractionAnswers"/>; /video's
/// attached files go as typed images (<see cref="AttachedImages"/>).
/// </summary>
internal sealed class SlashCommands(CommandRouter router, InteractionAnswers answers, StoryboardForm storyboard, AttachedImages attached, TimeProvider time)
{
    public async Task HandleAsync(Interaction interaction, Func<InteractionCallback, Task> respond, CancellationToken cancellationToken)
    {
        if (interaction.Data?.Name == DiscordCommands.Storyboard)
        {
            await respond(new InteractionCallback(InteractionCallback.Modal, await storyboard.OpenAsync(interaction, cancellationToken)));
            return;
        }

        var command = ToCommand(interaction);
        var isVideo = command.Name == VideoCommand.CommandName;
        if (!isVideo)
        {
            await answers.AnswerAsync(interaction, router.HandleAsync(command, cancellationToken), makesJob: false, respond, cancellationToken);
            return;
        }

        // Deferred publicly as soon as the job is admitted, not once it is on disk.
        var admission = new JobAdmission();
        await answers.AnswerAsync(interaction, VideoAsync(interaction, command with { Admission = admission }, cancellationToken), makesJob: true, respond, cancellationToken, admission.Admitted);
    }

    /// <summary>/video: the attached images are fetched first (inside the answer budget; a slow CDN defers), then Core decides.</summary>
    private async Task<CommandReply> VideoAsync(Interaction interaction, ChatCommand command, CancellationToken cancellationToken)
    {
        var (images, problem) = await attached.DownloadAsync(interaction, cancellationToken);
        return problem is not null
            ? CommandReply.Of(ChatMessage.Error(problem))
            : await router.HandleAsync(command with { Images = images }, cancellationToken);
    }

    private ChatCommand ToCommand(Interaction interaction)
    {
        var data = interaction.Data!;
        var name = data.Name!;
        var options = data.Options ?? [];
        var origin = InteractionMapping.Origin(interaction);
        var caller = InteractionMapping.Caller(interaction);
        if (name == QuotaCommand.CommandName && options is [{ Type: 1 } sub])
        {
            // A subcommand (/quota set user:X videos:5): its name and its own options, typed, as Core's parser reads them.
            List<KeyValuePair<string, string>> typed = [new(QuotaRequestParser.Subcommand, sub.Name), .. InteractionMapping.Options(sub.Options)];
            return new ChatCommand(name, origin, caller) { Options = typed, ReplyContext = InteractionMapping.Context(interaction, time.GetUtcNow()) };
        }

        if (name == QuotaCommand.CommandName && options is [{ Type: 2 } group] && group.Options is [{ Type: 1 } inGroup])
        {
            // A subcommand of a group (/quota budget user user:X period:daily amount:2.5): the group names the action, its
            // subcommand whose budget, then the subcommand's own options, typed.
            List<KeyValuePair<string, string>> typed =
            [
                new(QuotaRequestParser.Subcommand, group.Name),
                new(QuotaRequestParser.BudgetScopeOption, inGroup.Name),
                .. InteractionMapping.Options(inGroup.Options),
            ];
            return new ChatCommand(name, origin, caller) { Options = typed, ReplyContext = InteractionMapping.Context(interaction, time.GetUtcNow()) };
        }

        return new ChatCommand(name, origin, caller)
        {
            // Files are not options Core parses: they reach it typed, as images (see VideoAsync).
            Options = InteractionMapping.Options([.. options.Where(o => o.Type != DiscordCommands.Attachment)]),
            ReplyContext = InteractionMapping.Context(interaction, time.GetUtcNow()),
            ReplayKey = InteractionHandler.RecordedWithItsJob(interaction) ? InteractionHandler.ReplayKeyOf(interaction, time.GetUtcNow()) : null,
        };
    }
}
