using System.Text.Json;

namespace SeedanceBot.Discord.Contracts;

/// <summary>A command option as received; <see cref="Options"/> for subcommands, <see cref="Focused"/> while autocompleting.</summary>
internal sealed record InteractionOption(string Name, int Type, JsonElement? Value = null, IReadOnlyList<InteractionOption>? Options = null, bool? Focused = null);
