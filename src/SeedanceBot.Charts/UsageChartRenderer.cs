using System.Globalization;
using ScottPlot;
using SeedanceBot.Core.Usage;
using SkiaSharp;

namespace SeedanceBot.Charts;

/// <summary>
/// The /usage chart with ScottPlot: one panel per measure (videos, seconds, and spend when the ledger has costs), a bar
/// per day stacked by the report's series (the top users, then "others"), the days on the x axis, one legend.
/// </summary>
internal sealed class UsageChartRenderer : IUsageChartRenderer
{
    public const int Width = 1000;
    public const int PanelHeight = 300;
    private const int TitleHeight = 40;

    /// <summary>Colour-blind-friendly (Okabe-Ito), then grey for "others".</summary>
    private static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"), Color.FromHex("#D55E00"),
    ];

    private static readonly Color Others = Color.FromHex("#999999");

    public UsageChartRenderer() => EmbeddedFont.Register();

    public byte[] RenderPng(UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        List<(string Title, Func<UsageSeries, int, double> Value)> panels =
        [
            ("Videos per day", static (s, d) => s.Videos[d]),
            ("Seconds generated per day", static (s, d) => s.Seconds[d]),
        ];
        if (report.HasSpend)
        {
            panels.Add(("Spend per day", static (s, d) => (double)(s.Spend[d] ?? 0m)));
        }

        var height = TitleHeight + (panels.Count * PanelHeight);
        using var surface = SKSurface.Create(new SKImageInfo(Width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Skia could not make a drawing surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        DrawTitle(canvas, report.Title);
        for (var i = 0; i < panels.Count; i++)
        {
            // Each panel on its own surface: ScottPlot clears the whole canvas it renders on. Every panel has the legend, so their plot areas line up.
            using var plot = Panel(report, panels[i].Title, panels[i].Value, legend: true);
            using var panel = SKSurface.Create(new SKImageInfo(Width, PanelHeight, SKColorType.Rgba8888, SKAlphaType.Premul))
                ?? throw new InvalidOperationException("Skia could not make a drawing surface.");
            plot.Render(panel.Canvas, Width, PanelHeight);
            canvas.DrawSurface(panel, 0, TitleHeight + (i * PanelHeight));
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void DrawTitle(SKCanvas canvas, string title)
    {
        using var typeface = new EmbeddedFont().CreateTypeface(EmbeddedFont.Name, bold: false, italic: false);
        using var font = new SKFont(typeface, 18);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(title, 16, 27, SKTextAlign.Left, font, paint);
    }

    private static Plot Panel(UsageReport report, string title, Func<UsageSeries, int, double> value, bool legend)
    {
        var plot = new Plot();
        plot.Font.Set(EmbeddedFont.Name);
        plot.Title(title, size: 14);
        var bars = new List<Bar>();
        for (var day = 0; day < report.Days.Count; day++)
        {
            double stacked = 0;
            for (var s = 0; s < report.Series.Count; s++)
            {
                var v = value(report.Series[s], day);
                if (v <= 0)
                {
                    continue;
                }

                bars.Add(new Bar { Position = day, ValueBase = stacked, Value = stacked + v, FillColor = ColorOf(report.Series[s], s), LineWidth = 0 });
                stacked += v;
            }
        }

        plot.Add.Bars(bars);
        plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsX(-0.6, report.Days.Count - 0.4);
        if (bars.Count == 0)
        {
            plot.Axes.SetLimitsY(0, 1);
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var every = Math.Max(1, (int)Math.Ceiling(report.Days.Count / 15.0));
        for (var day = 0; day < report.Days.Count; day += every)
        {
            ticks.AddMajor(day, report.Days[day].ToString("MMM d", CultureInfo.InvariantCulture));
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        if (legend && report.Series.Count > 0)
        {
            for (var s = 0; s < report.Series.Count; s++)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = report.Series[s].Label, FillColor = ColorOf(report.Series[s], s) });
            }

            plot.ShowLegend(Edge.Right);
        }

        return plot;
    }

    private static Color ColorOf(UsageSeries series, int index) => series.IsOthers ? Others : Palette[index % Palette.Length];
}
