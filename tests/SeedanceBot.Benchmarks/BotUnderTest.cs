using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SeedanceBot.Benchmarks;

/// <summary>
/// The bot a benchmark drives, on a free loopback port with the given settings. By default its Release build in its own
/// process (<see cref="BotProcess"/>), the way it is deployed: its own runtime settings, its own garbage collector, none
/// of the benchmark's allocations (the client's, the fakes') in its heap. With <c>ACK_BOT=inline</c> it is built in this
/// process instead, so that one <c>dotnet-trace</c> of the benchmark profiles the bot too. <c>ACK_BOT_ENV</c> gives
/// its own process runtime knobs, e.g. <c>ACK_BOT_ENV="DOTNET_TieredPGO=0;DOTNET_GCgen0size=4000000"</c>.
/// </summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    private readonly IAsyncDisposable _bot;

    private BotUnderTest(IAsyncDisposable bot, Uri address, string kind)
    {
        _bot = bot;
        Address = address;
        Kind = kind;
    }

    public Uri Address { get; }

    /// <summary>"its own process" or "this process".</summary>
    public string Kind { get; }

    public static bool Inline => string.Equals(Environment.GetEnvironmentVariable("ACK_BOT"), "inline", StringComparison.OrdinalIgnoreCase);

    public static async Task<BotUnderTest> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var arguments = settings.Select(s => $"--{s.Key}={s.Value}").ToList();
        if (!Inline)
        {
            var knobs = (Environment.GetEnvironmentVariable("ACK_BOT_ENV") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(k => k.Split('=', 2)).ToDictionary(k => k[0], k => k[1], StringComparer.Ordinal);
            var process = await BotProcess.StartAsync("SeedanceBot", knobs, arguments, "/readyz");
            return new BotUnderTest(process, process.Address, "its own process");
        }

        var app = await BotApplication.BuildAsync([.. arguments, "--urls=http://127.0.0.1:0"]);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new BotUnderTest(new Stopping(app), address, "this process");
    }

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    private sealed class Stopping(WebApplication app) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
