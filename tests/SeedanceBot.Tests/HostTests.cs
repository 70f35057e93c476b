using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Video;
using SeedanceBot.Seedance;
using SeedanceBot.Testing.Slack;

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

    /// <summary>What stops the bot at start, as the operator meets it: the bot as its own process, at the default log level.</summary>
    public static TheoryData<string> StartupProblems() => [.. Problems.Keys];

    private static readonly Dictionary<string, (Dictionary<string, string> Settings, string[] Says)> Problems = new(StringComparer.Ordinal)
    {
        ["a missing setting"] = (new() { ["Discord__Token"] = "discord-secret-value" }, ["Discord:ApplicationId"]),
        ["several platforms misconfigured"] = (
            new() { ["Discord__Token"] = "discord-secret-value", ["Slack__BotToken"] = FakeSlackTokens.Bot("slack-secret-value"), ["Seedance__Provider"] = "ModelArk" },
            ["Discord:ApplicationId", "Slack:AppToken", "ModelArk:ApiKey"]),
        ["an unusable database file"] = (new() { ["Storage__Path"] = "{folder}" }, ["Cannot open the LiteDB file"]),
        ["an unknown store"] = (new() { ["Storage__Provider"] = "Mongo" }, ["Storage:Provider must be LiteDb (the default) or Postgres, not 'Mongo'."]),
        ["an unreadable PostgreSQL connection string"] = (
            new() { ["Storage__Provider"] = "Postgres", ["Storage__ConnectionString"] = "Host=db;Password=pg-secret-value;Port=not-a-port" },
            ["Storage:ConnectionString is not a valid PostgreSQL connection string"]),
        ["an unreachable PostgreSQL server"] = (
            new() { ["Storage__Provider"] = "Postgres", ["Storage__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=bot;Username=botuser;Password=pg-secret-value;Timeout=5" },
            ["Cannot use PostgreSQL (database bot on 127.0.0.1:1 as botuser)", "Check Storage:ConnectionString"]),
    };

    [Theory]
    [MemberData(nameof(StartupProblems))]
    public async Task Process_StartupProblem_PrintsOnlyTheMessage_AndExits2(string problem)
    {
        var (settings, says) = Problems[problem];

        var (exitCode, output) = await RunBotAsync(settings, logLevel: null);

        Assert.Equal(2, exitCode);
        Assert.Contains("SeedanceBot cannot start:", output, StringComparison.Ordinal);
        Assert.All(says, key => Assert.Contains(key, output, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("OptionsValidationException", output, StringComparison.Ordinal);
        Assert.DoesNotContain("StorageUnavailableException", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_StartupProblemAtDebugLevel_AlsoLogsTheStackTrace()
    {
        var (exitCode, output) = await RunBotAsync(new() { ["Discord__Token"] = "discord-secret-value" }, logLevel: "Debug");

        Assert.Equal(2, exitCode);
        Assert.Contains("Hosting failed to start", output, StringComparison.Ordinal);
        Assert.Contains("OptionsValidationException", output, StringComparison.Ordinal);
        Assert.Contains("SeedanceBot cannot start:", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the bot as its own process until it exits; stdout and stderr together.</summary>
    private static async Task<(int ExitCode, string Output)> RunBotAsync(Dictionary<string, string> settings, string? logLevel)
    {
        var folder = Path.Combine(Path.GetTempPath(), "seedancebot-startup", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [typeof(BotApplication).Assembly.Location])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Storage__Path"] = Path.Combine(folder, "bot.db"),
                ["SEEDANCE_API_KEY"] = string.Empty,
            },
        };
        if (logLevel is not null)
        {
            start.Environment["Logging__LogLevel__Default"] = logLevel;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value.Replace("{folder}", folder, StringComparison.Ordinal);
        }

        using var bot = System.Diagnostics.Process.Start(start)!;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var stdout = bot.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = bot.StandardError.ReadToEndAsync(timeout.Token);
            await bot.WaitForExitAsync(timeout.Token);
            return (bot.ExitCode, await stdout + await stderr);
        }
        finally
        {
            if (!bot.HasExited)
            {
                bot.Kill(entireProcessTree: true);
            }

            Directory.Delete(folder, recursive: true);
        }
    }
}
