using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Styles;
using SeedanceBot.Discord.Adapter;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Interactions;

/// <summary>Autocomplete: styles (from the cache, not waiting past the answer budget) and the caller's recent jobs.</summary>
internal sealed class AutocompleteSuggestions(StylesCache styles, IJobStore store, TimeProvider time)
{
    /// <summary>Answers an autocomplete interaction (type 4) with the choices for its focused option.</summary>
    public async Task HandleAsync(Interaction interaction, Func<InteractionCallback, Task> respond, CancellationToken cancellationToken) =>
        await respond(new InteractionCallback(InteractionCallback.AutocompleteResult, new AutocompleteData(await SuggestAsync(interaction, cancellationToken))));

    public async Task<IReadOnlyList<AutocompleteChoice>> SuggestAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var focused = InteractionMapping.Flatten(interaction.Data?.Options).FirstOrDefault(o => o.Focused == true);
        var typed = focused is null ? string.Empty : InteractionMapping.Value(focused) ?? string.Empty;
        switch (focused?.Name)
        {
            case VideoOptionNames.Style:
                return [.. styles.Current
                    .Where(s => s.Id.Contains(typed, StringComparison.OrdinalIgnoreCase) || s.Name.Contains(typed, StringComparison.OrdinalIgnoreCase))
                    .Take(DiscordLimits.AutocompleteChoices)
                    .Select(s => new AutocompleteChoice(Truncate(s.Name == s.Id ? s.Id : $"{s.Name} ({s.Id})"), s.Id))];
            case "job":
                var origin = InteractionMapping.Origin(interaction);
                var recent = await store.ListRecentAsync(InteractionHandler.PlatformName, origin.WorkspaceId, InteractionMapping.Caller(interaction).UserId, RecentJobs.Since(time.GetUtcNow()), DiscordLimits.AutocompleteChoices, cancellationToken);
                return [.. recent
                    .Where(j => j.Id.Contains(typed, StringComparison.OrdinalIgnoreCase))
                    .Select(j => new AutocompleteChoice(Truncate($"{j.Id} · {j.State.ToString().ToLowerInvariant()} · {j.Request.Prompt ?? (j.Request.Scenes is [var firstScene, ..] ? firstScene.Prompt : null)}"), j.Id))];
            default:
                return [];
        }
    }

    private static string Truncate(string text) => text.Length <= DiscordLimits.ChoiceName ? text : text[..(DiscordLimits.ChoiceName - 1)] + "…";
}
