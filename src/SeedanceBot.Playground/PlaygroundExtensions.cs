using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SeedanceBot.Core.Delivery;

namespace SeedanceBot.Playground;

/// <summary>The playground's door: a local web chat over the same core, a third chat platform.</summary>
public static class PlaygroundExtensions
{
    public static IHostApplicationBuilder AddPlayground(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsEnabled(builder))
        {
            return builder;
        }

        builder.Services.AddOptions<PlaygroundOptions>().BindConfiguration(PlaygroundOptions.SectionName);
        builder.Services.TryAddSingleton<PlaygroundChat>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatPlatform, PlaygroundPlatform>());
        return builder;
    }

    public static WebApplication MapPlayground(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<PlaygroundChat>() is not null)
        {
            PlaygroundEndpoints.Map(app);
        }

        return app;
    }

    /// <summary>
    /// <c>Playground:Enabled</c> when set; otherwise on only while no chat platform is configured (no <c>Discord:Token</c>,
    /// no <c>Slack:BotToken</c>): the playground is the default run, not a door left open beside a real deployment.
    /// </summary>
    private static bool IsEnabled(IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (bool.TryParse(configuration[$"{PlaygroundOptions.SectionName}:{nameof(PlaygroundOptions.Enabled)}"], out var enabled))
        {
            return enabled;
        }

        return string.IsNullOrWhiteSpace(configuration["Discord:Token"]) && string.IsNullOrWhiteSpace(configuration["Slack:BotToken"]);
    }
}
