namespace SeedanceBot;

/// <summary>The host's HTTP surface.</summary>
internal static class BotEndpoints
{
    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        return app;
    }
}
