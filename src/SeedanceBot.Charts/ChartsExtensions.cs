using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SeedanceBot.Core.Usage;

namespace SeedanceBot.Charts;

/// <summary>The charts' one door: the /usage chart renderer (ScottPlot on SkiaSharp, with its own font).</summary>
public static class ChartsExtensions
{
    public static IHostApplicationBuilder AddUsageCharts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IUsageChartRenderer, UsageChartRenderer>();
        return builder;
    }
}
