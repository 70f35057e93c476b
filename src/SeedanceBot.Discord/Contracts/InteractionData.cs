using System.Text.Json;

namespace SeedanceBot.Discord.Contracts;

/// <summary>The <c>data</c> of an interaction: a command (name, options), a component (custom_id) or a modal (custom_id, components);
/// <see cref="Resolved"/> holds what a command's options point at (attached files).</summary>
internal sealed record InteractionData(
    string? Id = null,
    string? Name = null,
    int? Type = null,
    IReadOnlyList<InteractionOption>? Options = null,
    string? CustomId = null,
    int? ComponentType = null,
    JsonElement? Components = null,
    InteractionResolved? Resolved = null);
