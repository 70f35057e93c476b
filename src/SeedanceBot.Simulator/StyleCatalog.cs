namespace SeedanceBot.Simulator;

/// <summary>The styles the simulator offers; the first four are the ones the API guide names.</summary>
internal static class StyleCatalog
{
    public static IReadOnlyList<(string Id, string Name, string Description)> Styles { get; } =
    [
        ("photorealistic", "Photorealistic", "Natural light and real-world textures."),
        ("cinematic", "Cinematic", "Film grain, shallow depth of field, dramatic grading."),
        ("anime", "Anime", "Cel-shaded Japanese animation look."),
        ("cyberpunk", "Cyberpunk", "Neon-lit, rain-soaked futuristic city tones."),
        ("watercolor", "Watercolor", "Soft washes of paint on textured paper."),
        ("claymation", "Claymation", "Stop-motion clay figures and sets."),
        ("noir", "Film noir", "High-contrast black and white with hard shadows."),
        ("vintage", "Vintage film", "Faded 1970s colour stock with light leaks."),
    ];

    public static IReadOnlySet<string> Ids { get; } = Styles.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
}
