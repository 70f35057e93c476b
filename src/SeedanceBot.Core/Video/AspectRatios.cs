using System.Diagnostics.CodeAnalysis;

namespace SeedanceBot.Core.Video;

/// <summary>The written forms of <see cref="AspectRatio"/> ("16:9", "9:16", "1:1").</summary>
public static class AspectRatios
{
    public static IReadOnlyList<string> All { get; } = ["16:9", "9:16", "1:1"];

    public static string ToRatioString(this AspectRatio ratio) => ratio switch
    {
        AspectRatio.Landscape => "16:9",
        AspectRatio.Portrait => "9:16",
        AspectRatio.Square => "1:1",
        _ => throw new ArgumentOutOfRangeException(nameof(ratio), ratio, null),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out AspectRatio? ratio)
    {
        ratio = text?.Trim() switch
        {
            "16:9" => AspectRatio.Landscape,
            "9:16" => AspectRatio.Portrait,
            "1:1" => AspectRatio.Square,
            _ => null,
        };
        return ratio is not null;
    }
}
