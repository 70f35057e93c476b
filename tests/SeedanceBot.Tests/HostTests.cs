using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Video;
using SeedanceBot.Seedance;

namespace SeedanceBot.Tests;

public sealed class HostTests
{
    [Fact]
    public async Task Host_NoApiKey_StartsTheSimulatorInProcessAndAnswersHealthz()
    {
        var folder = Path.Combine(Path.GetTempPath(), "seedancebot-host-tests", Guid.NewGuid().ToString("N"));
        await using var app = await BotApplication.BuildAsync(["--urls=http://127.0.0.1:0", "--environment=Testing", $"--Storage:Path={folder}/bot.db"]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        var styles = await app.Services.GetRequiredService<IVideoProvider>().GetStylesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.NotEmpty(styles);
        Assert.Equal("127.0.0.1", app.Services.GetRequiredService<IOptions<SeedanceOptions>>().Value.BaseUrl.Host);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Host_WithApiKey_TalksToTheConfiguredApi()
    {
        await using var app = await BotApplication.BuildAsync(["--urls=http://127.0.0.1:0", "--Seedance:ApiKey=sk-real-looking", "--Seedance:BaseUrl=https://api.example.test/v2"]);

        var options = app.Services.GetRequiredService<IOptions<SeedanceOptions>>().Value;

        Assert.Equal(new Uri("https://api.example.test/v2"), options.BaseUrl);
        Assert.Equal("sk-real-looking", options.ApiKey);
    }
}
