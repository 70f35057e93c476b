using SeedanceBot.Core.Commands;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// The Continue button's modal: one field for the next shot's prompt. The modal carries the job it continues as
/// <c>continue:{job}</c>; Core checks that job again on submission (same workspace, finished, its last frame kept), so
/// an id typed into a forged modal reaches nothing it could not reach by its own button.
/// </summary>
internal static class ContinueForm
{
    public const string CustomIdPrefix = "continue:";

    private const string PromptId = "prompt";

    public static ModalData Open(string jobId) => new(
        CustomIdPrefix + jobId,
        "Continue the story",
        [Component.Labelled(
            "What happens next",
            "The next clip starts on this video's last frame",
            new Component(Component.TextInput, Style: 2, CustomId: PromptId, MinLength: 1, MaxLength: JobActions.MaxContinuePromptLength, Required: true,
                Placeholder: "The fox leaps over the stream and runs into the forest"))]);

    /// <summary>The job a submission continues, or null when the modal is not a Continue form.</summary>
    public static string? JobIdOf(Interaction interaction) =>
        interaction.Data?.CustomId is { } id && id.StartsWith(CustomIdPrefix, StringComparison.Ordinal) && id.Length > CustomIdPrefix.Length
            ? id[CustomIdPrefix.Length..]
            : null;

    /// <summary>The next shot's prompt as typed (empty when missing; Core refuses it with a reason).</summary>
    public static string PromptOf(Interaction interaction) =>
        ModalInputs.TextInputs(interaction.Data?.Components).FirstOrDefault(i => i.Id == PromptId).Value ?? string.Empty;
}
