using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SeedanceBot.Simulator;

/// <summary>Wires the simulator into a web application: standalone (Program.cs) or in-process (<see cref="SeedanceSimulator"/>).</summary>
public static class SimulatorHosting
{
    /// <summary>Registers the simulator's services; options come from the <c>Simulator</c> section unless configured otherwise.</summary>
    public static IServiceCollection AddSeedanceSimulator(this IServiceCollection services)
    {
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SimulatorState>();
        services.TryAddSingleton<WebhookSender>();
        services.AddHttpClient(nameof(WebhookSender), static http => http.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }

    /// <summary>Maps <c>/v2</c> (the API) and <c>/media</c> (the videos).</summary>
    public static WebApplication MapSeedanceSimulator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        SimulatorEndpoints.Map(app);
        return app;
    }
}
