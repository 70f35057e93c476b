namespace SeedanceBot.Discord.Contracts;

/// <summary>Up to 25 suggestions.</summary>
internal sealed record AutocompleteData(IReadOnlyList<AutocompleteChoice> Choices);
