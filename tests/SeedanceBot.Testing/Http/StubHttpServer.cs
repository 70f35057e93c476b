using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SeedanceBot.Testing.Http;

/// <summary>A real Kestrel server on 127.0.0.1 and an ephemeral port that answers with the handler it was given.</summary>
public sealed class StubHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubHttpServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<StubHttpServer> StartAsync(RequestDelegate handler)
    {
        var app = LoopbackServer.Create();
        app.Run(handler);
        return new StubHttpServer(app, await LoopbackServer.StartAsync(app));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
