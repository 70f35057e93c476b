using SeedanceBot.Core.Commands;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// Modal submissions (type 5): a Continue form becomes Core's <see cref="JobActions.ContinueAsync"/> (a new clip from
/// the video's last frame); the storyboard form becomes /video with the options it was opened with, typed
/// (<see cref="StoryboardForm.SubmitAsync"/>); an out-of-date or someone else's form is refused privately.
/// </summary>
internal sealed class ModalSubmissions(CommandRouter router, JobActions actions, InteractionAnswers answers, StoryboardForm storyboard, TimeProvider time)
{
    public async Task HandleAsync(Interaction interaction, Func<InteractionCallback, Task> respond, CancellationToken cancellationToken)
    {
        if (ContinueForm.JobIdOf(interaction) is { } jobId)
        {
            var work = actions.ContinueAsync(
                jobId,
                ContinueForm.PromptOf(interaction),
                InteractionMapping.Origin(interaction),
                InteractionMapping.Caller(interaction),
                InteractionMapping.Context(interaction, time.GetUtcNow()),
                cancellationToken);
            await answers.AnswerAsync(interaction, work, makesJob: true, respond, cancellationToken);
            return;
        }

        var (submitted, refusal) = await storyboard.SubmitAsync(interaction, cancellationToken);
        if (submitted is null)
        {
            await answers.ReplyPrivatelyAsync(interaction, refusal!, respond, cancellationToken);
            return;
        }

        await answers.AnswerAsync(interaction, router.HandleAsync(submitted, cancellationToken), makesJob: true, respond, cancellationToken);
    }
}
