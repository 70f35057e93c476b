namespace SeedanceBot.Discord.Contracts;

/// <summary>A message or modal component: action row (1), button (2) or text input (4).</summary>
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
    string? Value = null)
{
    public const int ActionRow = 1;
    public const int Button = 2;
    public const int TextInput = 4;

    public static Component Row(params Component[] components) => new(ActionRow, components);
}
