using SeedanceBot.Core.Commands;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// Modal submissions (type 5): the storyboard form becomes /video with the options it was opened with, typed
/// (<see cref="StoryboardForm.SubmitAsync"/>); an out-of-date or someone else's form is refused privately.
/// </summary>
internal sealed class ModalSubmissions(CommandRouter router, InteractionAnswers answers, StoryboardForm storyboard)
{
    public async Task HandleAsync(Interaction interaction, Func<InteractionCallback, Task> respond, CancellationToken cancellationToken)
    {
        var (submitted, refusal) = await storyboard.SubmitAsync(interaction, cancellationToken);
        if (submitted is null)
        {
            await answers.ReplyPrivatelyAsync(interaction, refusal!, respond, cancellationToken);
            return;
        }

        await answers.AnswerAsync(interaction, router.HandleAsync(submitted, cancellationToken), makesJob: true, respond, cancellationToken);
    }
}
