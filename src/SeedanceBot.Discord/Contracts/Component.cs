using System.Text.Json.Serialization;

namespace SeedanceBot.Discord.Contracts;

/// <summary>
/// A message or modal component: action row (1), button (2), text input (4) or label (18: a modal field's
/// <see cref="Label"/> and <see cref="Description"/> around one <see cref="Child"/>, the text input, which then has no
/// label of its own).
/// </summary>
internal sealed record Component(
    int Type,
    IReadOnlyList<Component>? Components = null,
    int? Style = null,
    string? Label = null,
    string? CustomId = null,
    string? Url = null,
    int? MinLength = null,
    int? MaxLength = null,
    bool? Required = null,
    string? Placeholder = null,
    string? Value = null,
    string? Description = null,
    [property: JsonPropertyName("component")] Component? Child = null)
{
    public const int ActionRow = 1;
    public const int Button = 2;
    public const int TextInput = 4;
    public const int LabelType = 18;

    public static Component Row(params Component[] components) => new(ActionRow, components);

    /// <summary>A modal field: <paramref name="label"/> (and an optional hint) around one input.</summary>
    public static Component Labelled(string label, string? description, Component input) => new(LabelType, Label: label, Description: description, Child: input);
}
