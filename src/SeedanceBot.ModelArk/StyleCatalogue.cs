using Microsoft.Extensions.Options;
using SeedanceBot.Core.Video;

namespace SeedanceBot.ModelArk;

/// <summary>The /styles list for ModelArk: the configured presets, or these built-in ones.</summary>
internal sealed class StyleCatalogue(IOptions<ModelArkOptions> options)
{
    private static readonly StylePreset[] BuiltIn =
    [
        Preset("cinematic", "Cinematic", "cinematic film look, shallow depth of field, dramatic lighting"),
        Preset("anime", "Anime", "anime style, cel shading, vivid colours"),
        Preset("watercolor", "Watercolor", "watercolor painting style, soft washes, paper texture"),
        Preset("documentary", "Documentary", "documentary footage, natural light, handheld feel"),
        Preset("3d-animation", "3D animation", "3D animated film style, soft global illumination"),
        Preset("noir", "Film noir", "black and white film noir, high contrast, hard shadows"),
        Preset("vintage", "Vintage film", "1970s film stock, grain, warm faded colours"),
        Preset("claymation", "Claymation", "stop-motion claymation, handmade clay figures"),
    ];

    public IReadOnlyList<StylePreset> Presets => options.Value.Styles.Count > 0 ? [.. options.Value.Styles] : BuiltIn;

    public IReadOnlyList<VideoStyle> Styles => [.. Presets.Select(p => new VideoStyle(p.Id, string.IsNullOrWhiteSpace(p.Name) ? p.Id : p.Name, p.Prompt))];

    public string? PromptFor(string? styleId) =>
        styleId is null ? null : Presets.FirstOrDefault(p => p.Id.Equals(styleId, StringComparison.OrdinalIgnoreCase))?.Prompt ?? styleId;

    private static StylePreset Preset(string id, string name, string prompt) => new() { Id = id, Name = name, Prompt = prompt };
}
