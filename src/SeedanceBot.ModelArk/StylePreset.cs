namespace SeedanceBot.ModelArk;

/// <summary>A local style preset: Ark has no style catalogue, so a style is words added to the prompt.</summary>
public sealed class StylePreset
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>What the style adds to the prompt, e.g. "anime style, cel shading, vivid colours".</summary>
    public string Prompt { get; set; } = string.Empty;
}
