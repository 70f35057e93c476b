namespace SeedanceBot.Discord.Contracts;

internal sealed record AutocompleteChoice(string Name, string Value);
