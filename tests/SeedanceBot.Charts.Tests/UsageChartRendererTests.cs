using SeedanceBot.Core.Usage;
using SkiaSharp;

namespace SeedanceBot.Charts.Tests;

public sealed class UsageChartRendererTests
{
    /// <summary>Seven people over 30 days, some days quiet: the sample the README's picture is drawn from.</summary>
    internal static UsageReport Sample(bool spend = false)
    {
        var first = new DateOnly(2026, 3, 1);
        var days = Enumerable.Range(0, 30).Select(first.AddDays).ToArray();
        string[] names = ["ann", "bob", "chen", "dara", "eli", "fay", "gus"];
        var rows = new List<UsageDayRow>();
        for (var day = 0; day < days.Length; day++)
        {
            for (var u = 0; u < names.Length; u++)
            {
                // A weekly rhythm around each person's own level, quiet at weekends (1 March 2026 is a Sunday).
                var weekend = days[day].DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                var videos = (int)Math.Round((names.Length - u) * (1.1 + Math.Sin((day / 2.5) + (u * 1.7))) * (weekend ? 0.3 : 1.0));
                if (videos > 0)
                {
                    rows.Add(new UsageDayRow(day, "U" + u, names[u], videos, videos * (4 + (u % 3) * 3), spend ? videos * 0.35m : null));
                }
            }
        }

        return UsageReport.Build("Usage 2026-03-01 to 2026-03-30 (Europe/Berlin), everyone", days, rows);
    }

    [Fact]
    public void RenderPng_ThirtyDaysOfSevenUsers_APictureOfTheExpectedSizeWithColourAndText()
    {
        var png = new UsageChartRenderer().RenderPng(Sample());

        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(UsageChartRenderer.Width, bitmap.Width);
        Assert.Equal(40 + (2 * UsageChartRenderer.PanelHeight), bitmap.Height);
        var (colours, inked) = Count(bitmap);
        Assert.True(colours > 50, $"only {colours} distinct colours");
        Assert.True(inked > bitmap.Width * bitmap.Height / 20, $"only {inked} non-white pixels");
    }

    [Fact]
    public void RenderPng_WithSpend_AThirdPanel()
    {
        using var bitmap = SKBitmap.Decode(new UsageChartRenderer().RenderPng(Sample(spend: true)));

        Assert.Equal(40 + (3 * UsageChartRenderer.PanelHeight), bitmap.Height);
    }

    [Fact]
    public void RenderPng_NothingUsed_StillAChart()
    {
        var report = UsageReport.Build("Usage, nobody", [new DateOnly(2026, 3, 1)], []);

        using var bitmap = SKBitmap.Decode(new UsageChartRenderer().RenderPng(report));

        Assert.Equal(UsageChartRenderer.Width, bitmap.Width);
        Assert.True(Count(bitmap).Inked > 1_000);
    }

    [Fact]
    public void RenderPng_Title_DrawnWithTheEmbeddedFont()
    {
        // Text in the title band: dark pixels only the embedded font can put there (no system font is asked).
        using var bitmap = SKBitmap.Decode(new UsageChartRenderer().RenderPng(Sample()));
        var dark = 0;
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < 500; x++)
            {
                dark += bitmap.GetPixel(x, y).Red < 100 ? 1 : 0;
            }
        }

        Assert.True(dark > 300, $"only {dark} dark pixels in the title");
    }

    /// <summary>Writes docs/usage-chart.png (the README's picture) when SEEDANCEBOT_WRITE_DOCS=1; otherwise checks it is there.</summary>
    [Fact]
    public void Sample_ReadmePicture_IsInDocs()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SeedanceBot.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("No SeedanceBot.sln above the test folder.");
        }

        var path = Path.Combine(root, "docs", "usage-chart.png");
        if (Environment.GetEnvironmentVariable("SEEDANCEBOT_WRITE_DOCS") == "1")
        {
            File.WriteAllBytes(path, new UsageChartRenderer().RenderPng(Sample()));
        }

        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(UsageChartRenderer.Width, bitmap.Width);
    }

    private static (int Colours, int Inked) Count(SKBitmap bitmap)
    {
        var colours = new HashSet<uint>();
        var inked = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                colours.Add((uint)pixel);
                inked += pixel == SKColors.White ? 0 : 1;
            }
        }

        return (colours.Count, inked);
    }
}
