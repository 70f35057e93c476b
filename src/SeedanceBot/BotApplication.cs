using SeedanceBot.Charts;
using SeedanceBot.Core;
using SeedanceBot.Discord;
using SeedanceBot.Images;
using SeedanceBot.ModelArk;
using SeedanceBot.Playground;
using SeedanceBot.Seedance;
using SeedanceBot.Slack;

namespace SeedanceBot;

/// <summary>The composition root. Program.cs runs it; host tests build it with their own arguments on port 0.</summary>
public static class BotApplication
{
    /// <param name="args">Command-line arguments (configuration, --urls).</param>
    /// <param name="configure">For tests: runs after every Add*, e.g. to swap the TimeProvider.</param>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The slim builder: no IIS integration, HTTP/3 (QUIC), hosting-startup assemblies or debug/event-source loggers,
        // which the bot never uses and which cost resident memory at idle (README, Performance: Memory). HTTPS endpoints
        // configured for Kestrel and the console formatters keep working.
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.UseKestrelHttpsConfiguration();
        // The slim builder pins the simple console formatter; Logging:Console (e.g. FormatterName json) applies again.
        builder.Logging.AddConsole();
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(builder.Configuration.GetSection("Logging:Console"));
        if (ModelArkExtensions.IsSelected(builder.Configuration))
        {
            builder.AddModelArk();
        }
        else
        {
            await builder.AddLocalSimulatorWhenNoApiKeyAsync();
            builder.AddSeedanceClient();
        }

        builder.AddStorage();          // Storage:Provider: LiteDb (default) or Postgres
        builder.AddBotCore();
        builder.AddUsageCharts();      // the /usage chart (ScottPlot; its font inside the assembly)
        builder.AddImageInspection();  // SkiaSharp behind Core's IImageInspector (headers only)
        builder.AddDiscord();
        builder.AddSlack();
        builder.AddPlayground();
        builder.AddBotTelemetry();
        ShutdownDrain.Add(builder.Services);
        configure?.Invoke(builder);

        // A setting or database problem is printed once by Program.cs, without the host's stack trace before it.
        StartupFailure.QuietHostLog(builder.Services);

        var app = builder.Build();
        app.MapBotEndpoints();
        app.MapBotTelemetry();
        app.MapDiscord();
        app.MapSlack();
        app.MapPlayground();
        return app;
    }
}
