using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// <c>/storyboard</c>: a modal with one field per shot. The command's options stay in the store (an
/// <see cref="IPendingFormStore"/> form, so they survive a restart) under a short key the modal carries as
/// <c>storyboard:{key}</c>; the submission becomes /video with those options, typed, and the shots joined by
/// <c> | </c> as its prompt. An unknown or expired key, or someone else's form, is refused: never a job without its options.
/// </summary>
internal sealed class StoryboardForm(IPendingFormStore forms, TimeProvider time)
{
    public const string CustomIdPrefix = DiscordCommands.Storyboard + ":";

    /// <summary>How long an opened form can still be submitted.</summary>
    public static readonly TimeSpan OpenFor = TimeSpan.FromHours(1);

    public static ChatMessage OutOfDate { get; } = ChatMessage.Error("This form is out of date; run /storyboard again.");

    public async Task<ModalData> OpenAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var options = InteractionMapping.Options(interaction.Data?.Options);
        var form = new PendingForm(InteractionHandler.PlatformName, InteractionMapping.Caller(interaction).UserId, options, time.GetUtcNow() + OpenFor);
        var key = await forms.SaveAsync(form, cancellationToken);
        return new ModalData(CustomIdPrefix + key, "Storyboard: one shot per field", [.. Enumerable.Range(1, DiscordCommands.Shots).Select(i => Component.Labelled(
            $"Shot {i}",
            i == 1 ? "What the camera sees; end with [4s] to set its length" : "Optional; end with [Ns] to set its length",
            new Component(Component.TextInput, Style: 2, CustomId: $"shot{i}", MaxLength: 1000, Required: i <= 2,
                Placeholder: i == 1 ? "Wide shot of a harbour at dawn [4s]" : "Close-up of a gull taking off [3s]")))]);
    }

    /// <summary>The submission as /video, or the private reason it is refused.</summary>
    public async Task<(ChatCommand? Command, ChatMessage? Refusal)> SubmitAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var customId = interaction.Data?.CustomId ?? string.Empty;
        var key = customId.StartsWith(CustomIdPrefix, StringComparison.Ordinal) ? customId[CustomIdPrefix.Length..] : null;
        var form = PendingFormKeys.IsWellFormed(key) ? await forms.GetAsync(key!, time.GetUtcNow(), cancellationToken) : null;
        if (form is null || form.Platform != InteractionHandler.PlatformName)
        {
            return (null, OutOfDate);
        }

        var caller = InteractionMapping.Caller(interaction);
        if (form.UserId != caller.UserId)
        {
            return (null, ChatMessage.Error("This form was opened by someone else; run /storyboard to make your own."));
        }

        var shots = ModalInputs.TextInputs(interaction.Data?.Components)
            .Where(i => i.Id.StartsWith("shot", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(i.Value))
            .OrderBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => i.Value.Replace('|', '/').Replace('\n', ' ').Trim());
        List<KeyValuePair<string, string>> options =
        [
            new(VideoOptionNames.Prompt, string.Join(" | ", shots)),
            .. form.Options.Where(o => o.Key != VideoOptionNames.Prompt),
        ];
        return (new ChatCommand(VideoCommand.CommandName, InteractionMapping.Origin(interaction), caller)
        {
            Options = options,
            ReplyContext = InteractionMapping.Context(interaction, time.GetUtcNow()),
        }, null);
    }
}
