using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace SeedanceBot.Playground.Tests;

/// <summary>
/// The playground as a person meets it: the real host in local mode (no credentials, the simulator in-process), Debian's
/// chromium driven by Playwright, typing slash commands into the page.
/// </summary>
public sealed class BrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "seedancebot-browser-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _address = string.Empty;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            return;
        }

        _app = await BotApplication.BuildAsync(
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Testing",
            $"--Storage:Path={_folder}/bot.db",
            "--Simulator:TimeScale=60",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        _address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        // Chromium on a busy 2-core machine is slower than Playwright's 5 s default expects.
        Assertions.SetDefaultExpectTimeout(20_000);
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
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

    [Fact]
    public async Task Video_TypedInThePage_ShowsStatusThenAPlayableVideo()
    {
        var page = await NewPageAsync();

        await page.Locator("#command").FillAsync("/video a fox walking through snow at dawn --duration 2 --ar 9:16");
        await page.Locator("#command").PressAsync("Enter");

        await Assertions.Expect(page.Locator(".msg.user").Last).ToContainTextAsync("/video a fox walking");
        var video = page.Locator(".msg.success video");
        await Assertions.Expect(video).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var src = await video.GetAttributeAsync("src");
        Assert.Contains("/media/", src, StringComparison.Ordinal);
        await page.WaitForFunctionAsync("() => { const v = document.querySelector('.msg.success video'); return v && v.readyState >= 2 && v.videoWidth > 0 && v.duration > 0; }", null, new() { Timeout = 15_000 });
        var result = page.Locator(".msg.success");
        await Assertions.Expect(result).ToContainTextAsync("Your video is ready.");
        await Assertions.Expect(result).ToContainTextAsync("9:16");
        await Assertions.Expect(result).ToContainTextAsync("Seed");
        await Assertions.Expect(page.Locator(".msg.bot").Filter(new() { HasText = "Done in" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "playground-video.png"), FullPage = true });
    }

    [Fact]
    public async Task Page_ShowsTheSimulatorBanner_AndAnswersHelpPrivately()
    {
        var page = await NewPageAsync();

        await Assertions.Expect(page.Locator("#banner")).ToContainTextAsync("built-in simulator");
        await page.Locator("#command").FillAsync("/help");
        await page.Locator("#command").PressAsync("Enter");

        var reply = page.Locator(".msg.bot").Filter(new() { HasText = "--camera zoom-in,pan-left" });
        await Assertions.Expect(reply).ToHaveCountAsync(1);
        await Assertions.Expect(reply).ToContainTextAsync("only you can see this");
    }

    [Fact]
    public async Task Page_EchoesUserTextAsText_NeverAsMarkup()
    {
        var page = await NewPageAsync();

        await page.Locator("#command").FillAsync("/video <img src=x onerror=\"document.body.dataset.pwned=1\"> @everyone --ar 4:3");
        await page.Locator("#command").PressAsync("Enter");

        await Assertions.Expect(page.Locator(".msg.error")).ToContainTextAsync("16:9, 9:16, 1:1");
        Assert.Equal(0, await page.Locator(".msg img").CountAsync());
        Assert.Null(await page.EvaluateAsync<string?>("() => document.body.dataset.pwned ?? null"));
    }

    [Fact]
    public async Task Usage_AfterAVideo_ShowsTheChartAndLinksTheCsv()
    {
        var page = await NewPageAsync();
        await page.Locator("#command").FillAsync("/video a paper boat on a pond --duration 2");
        await page.Locator("#command").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".msg.success video")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        await page.Locator("#command").FillAsync("/usage 7");
        await page.Locator("#command").PressAsync("Enter");

        var reply = page.Locator(".msg.bot").Filter(new() { HasText = "Chart and CSV attached" });
        await Assertions.Expect(reply).ToContainTextAsync("only you can see this");
        await Assertions.Expect(reply).ToContainTextAsync("1 video(s), 2 s");
        await Assertions.Expect(reply.Locator("img.chart")).ToHaveCountAsync(1);
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.chart'); return i && i.complete && i.naturalWidth === 1000; }");
        var link = reply.Locator("a.file");
        await Assertions.Expect(link).ToContainTextAsync(".csv");
        var csv = await page.EvaluateAsync<string>("async () => (await fetch(document.querySelector('a.file').href)).text()");
        Assert.StartsWith("date,user_id,user_name,videos,seconds,spend\r\n", csv, StringComparison.Ordinal);
        Assert.EndsWith(",1,2,0.30\r\n", csv, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "playground-usage.png"), FullPage = true });
    }

    [Fact]
    public async Task Video_WithAnAttachedFirstFrame_IsQueued()
    {
        var page = await NewPageAsync();

        await page.Locator("#image-role").SelectOptionAsync("first_frame");
        await page.Locator("#image-file").SetInputFilesAsync(new FilePayload { Name = "fox.png", MimeType = "image/png", Buffer = SeedanceBot.Testing.Images.TestImages.Png(640, 360) });
        await Assertions.Expect(page.Locator("#attached .chip")).ToContainTextAsync("first frame: fox.png");
        await page.Locator("#command").FillAsync("/video the fox turns its head --duration 2");
        await page.Locator("#command").PressAsync("Enter");

        await Assertions.Expect(page.Locator(".msg.user").Last).ToContainTextAsync("[first frame: fox.png]");
        await Assertions.Expect(page.Locator(".msg.bot").Filter(new() { HasText = "Queued" }).Or(page.Locator(".msg.success video"))).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#attached .chip")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Continue_OnAResult_AsksForTheNextShot_AndItsClipStartsOnTheLastFrame()
    {
        var page = await NewPageAsync();
        await page.Locator("#command").FillAsync("/video a fox walking through snow --duration 2");
        await page.Locator("#command").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".msg.success video")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        string? asked = null;
        page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.AcceptAsync("the fox leaps over a frozen stream");
        };

        await page.Locator(".msg.success .actions button[data-action=continue]").ClickAsync();

        await Assertions.Expect(page.Locator(".msg.user").Last).ToContainTextAsync("the fox leaps over a frozen stream");
        await Assertions.Expect(page.Locator(".msg.success video")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        Assert.Contains("last frame", asked, StringComparison.Ordinal);
        var first = page.Locator(".msg.success").First;
        await Assertions.Expect(page.Locator(".msg.success").Last).ToContainTextAsync("Continues");
        var jobs = _app!.Services.GetRequiredService<SeedanceBot.Simulator.SeedanceSimulator>().Jobs;
        Assert.Equal(2, jobs.Count);
        var image = Assert.Single(System.Text.Json.Nodes.JsonNode.Parse(jobs[1].RequestJson)!["images"]!.AsArray());
        Assert.Equal("first_frame", (string?)image!["role"]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(SeedanceBot.Simulator.SeedanceSimulator.LastFramePng.Span)), (string?)image["sha256"]);
        Assert.Contains("the fox leaps over a frozen stream", jobs[1].RequestJson, StringComparison.Ordinal);
        var firstJob = await first.Locator("xpath=.//dt[normalize-space()='Job']/following-sibling::dd[1]").TextContentAsync();
        await Assertions.Expect(page.Locator(".msg.success").Last.Locator("xpath=.//dt[normalize-space()='Continues']/following-sibling::dd[1]")).ToHaveTextAsync("job " + firstJob);
    }

    [Fact]
    public async Task Video_WithAFileThatIsNoImage_ShowsTheRefusal()
    {
        var page = await NewPageAsync();

        await page.Locator("#image-file").SetInputFilesAsync(new FilePayload { Name = "cat.png", MimeType = "image/png", Buffer = SeedanceBot.Testing.Images.TestImages.TextNamedPng() });
        await Assertions.Expect(page.Locator("#attached .chip")).ToHaveCountAsync(1);
        await page.Locator("#command").FillAsync("/video a cat");
        await page.Locator("#command").PressAsync("Enter");

        await Assertions.Expect(page.Locator(".msg.error")).ToContainTextAsync("The first frame (cat.png) can't be used: it is not an image");
    }

    private async Task<IPage> NewPageAsync()
    {
        if (_browser is null)
        {
            Assert.Skip($"{Chromium} is not installed (apt-get install -y chromium); .ci/run installs it.");
        }

        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_address);
        return page;
    }
}
