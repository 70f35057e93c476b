using SeedanceBot.Seedance;

namespace SeedanceBot;

/// <summary>The composition root. Program.cs runs it; host tests build it with their own arguments on port 0.</summary>
public static class BotApplication
{
    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        await builder.AddLocalSimulatorWhenNoApiKeyAsync();
        builder.AddSeedanceClient();

        var app = builder.Build();
        app.MapBotEndpoints();
        return app;
    }
}
