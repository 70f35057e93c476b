namespace SeedanceBot.Core.Commands;

/// <summary>
/// The names of /video's options, shared by the typed form (Discord's structured options) and the text form
/// (<c>--ar 9:16</c>). Aliases are accepted in text only.
/// </summary>
public static class VideoOptionNames
{
    public const string Prompt = "prompt";
    public const string AspectRatio = "aspect_ratio";
    public const string Duration = "duration";
    public const string Style = "style";
    public const string Seed = "seed";
    public const string Motion = "motion";
    public const string Camera = "camera";

    /// <summary>Text flag (without dashes) to option name.</summary>
    public static IReadOnlyDictionary<string, string> Flags { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ar"] = AspectRatio,
        ["aspect"] = AspectRatio,
        ["aspect-ratio"] = AspectRatio,
        ["aspect_ratio"] = AspectRatio,
        ["duration"] = Duration,
        ["dur"] = Duration,
        ["d"] = Duration,
        ["style"] = Style,
        ["seed"] = Seed,
        ["motion"] = Motion,
        ["camera"] = Camera,
        ["cam"] = Camera,
    };

    /// <summary>The camera moves as users type them.</summary>
    public static IReadOnlyList<string> CameraMoves { get; } = ["zoom-in", "zoom-out", "pan-left", "pan-right", "tilt-up", "tilt-down"];

    public static IReadOnlyList<string> MotionLevels { get; } = ["low", "medium", "high"];
}
