using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SeedanceBot.Core.Media;

namespace SeedanceBot.Images;

/// <summary>The project's door: Core's <see cref="IImageInspector"/> on SkiaSharp (header reads only).</summary>
public static class ImagesExtensions
{
    public static IHostApplicationBuilder AddImageInspection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Over Core's default (which refuses every image), whichever is added first.
        builder.Services.AddSingleton<IImageInspector, SkiaImageInspector>();
        return builder;
    }

    /// <summary>The inspector on its own (the host's <c>--check-image</c>, tests).</summary>
    public static IImageInspector CreateInspector() => new SkiaImageInspector();
}
