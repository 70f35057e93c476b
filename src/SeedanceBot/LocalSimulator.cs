using SeedanceBot.Core.Jobs;
using SeedanceBot.Playground;
using SeedanceBot.Seedance;
using SeedanceBot.Simulator;

namespace SeedanceBot;

/// <summary>
/// The no-credentials default: when no Seedance key is configured anywhere, the built-in simulator starts in-process on
/// an ephemeral loopback port and the client is pointed at it, so the bot runs with nothing but the SDK.
/// </summary>
internal static class LocalSimulator
{
    public static async Task AddLocalSimulatorWhenNoApiKeyAsync(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var configuredKey = configuration[$"{SeedanceOptions.SectionName}:{nameof(SeedanceOptions.ApiKey)}"];
        if (!string.IsNullOrWhiteSpace(configuredKey) || !string.IsNullOrWhiteSpace(configuration[SeedanceOptions.ApiKeyEnvironmentVariable]))
        {
            return;
        }

        var simulatorOptions = new SimulatorOptions { TimeScale = 10 };
        configuration.GetSection(SimulatorOptions.SectionName).Bind(simulatorOptions);
        var simulator = await SeedanceSimulator.StartAsync(simulatorOptions);
        builder.Services.AddSingleton(_ => simulator); // factory-registered, so the container disposes it
        builder.Services.AddSingleton(new LocalMode(simulator.ApiBaseUrl));
        builder.Services.PostConfigure<SeedanceOptions>(options =>
        {
            options.BaseUrl = simulator.ApiBaseUrl;
            options.ApiKey = "local-simulator";
        });
        builder.Services.PostConfigure<JobOptions>(options =>
        {
            // The simulator's jobs take (base + per-second x length) / time scale: poll on that clock too.
            options.ExpectedBase = TimeSpan.FromSeconds(simulatorOptions.BaseGenerationSeconds / simulatorOptions.TimeScale);
            options.ExpectedPerVideoSecond = TimeSpan.FromSeconds(simulatorOptions.SecondsPerVideoSecond / simulatorOptions.TimeScale);
            options.MinPollInterval = TimeSpan.FromSeconds(1);
            options.StatusEditInterval = TimeSpan.FromSeconds(2);
        });
        builder.Services.PostConfigure<PlaygroundOptions>(options => options.Banner ??=
            $"No Seedance API key is configured: videos come from the built-in simulator (time scale {simulatorOptions.TimeScale}x). Set Seedance:ApiKey or SEEDANCE_API_KEY for real videos.");
    }
}
