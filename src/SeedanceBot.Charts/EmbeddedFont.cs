using ScottPlot;
using SkiaSharp;

namespace SeedanceBot.Charts;

/// <summary>
/// The chart's font, shipped inside this assembly: the container image (Native AOT on a runtime-deps base) has no font
/// installed, and Skia without a font draws no text. Registered first among ScottPlot's resolvers and answering every
/// name, so no label, tick or legend ever asks the system for a font.
/// </summary>
internal sealed class EmbeddedFont : IFontResolver
{
    public const string Name = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static bool _registered;

    private static readonly Lazy<SKData> Data = new(static () =>
    {
        using var stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream("SeedanceBot.Charts.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The chart font is missing from the assembly.");
        return SKData.Create(stream);
    });

    /// <summary>Puts the font first in ScottPlot's resolvers and makes it the default (once per process).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            ScottPlot.Fonts.FontResolvers.Insert(0, new EmbeddedFont());
            ScottPlot.Fonts.Default = Name;
            _registered = true;
        }
    }

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => SKTypeface.FromData(Data.Value);

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) => SKTypeface.FromData(Data.Value);
}
