using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SeedanceBot.Playground.Tests;

/// <summary>The real host in local mode (the playground on, the simulator in-process) on 127.0.0.1:0, shared by a test class.</summary>
public sealed class PlaygroundHost : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "seedancebot-playground-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await BotApplication.BuildAsync(
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Testing",
            $"--Storage:Path={_folder}/bot.db",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
