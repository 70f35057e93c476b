using Microsoft.Extensions.Options;
using SeedanceBot.Simulator;

// Standalone: dotnet run --project src/SeedanceBot.Simulator [--urls http://localhost:5090] [--Simulator:TimeScale 10]
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://localhost:5090");
}

builder.Services.AddSeedanceSimulator();
var app = builder.Build();
app.MapSeedanceSimulator();
app.Lifetime.ApplicationStarted.Register(() =>
{
    var options = app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
    foreach (var address in app.Urls)
    {
        var apiBase = new Uri(address.TrimEnd('/') + "/v2");
        SimulatorLog.Started(app.Logger, apiBase, options.TimeScale, options.RequestsPerMinute);
    }
});
await app.RunAsync();
