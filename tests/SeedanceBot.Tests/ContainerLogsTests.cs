using System.Diagnostics;
using System.Text.Json;

namespace SeedanceBot.Tests;

/// <summary>The bot as a container runs it (its own process), with <c>Logging__Console__FormatterName=json</c>: one JSON object per line.</summary>
public sealed class ContainerLogsTests
{
    [Fact]
    public async Task JsonFormatter_WritesEveryLogLineAsOneJsonObject()
    {
        var folder = Path.Combine(Path.GetTempPath(), "seedancebot-logs", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet", [typeof(BotApplication).Assembly.Location])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Logging__Console__FormatterName"] = "json",
                ["Logging__LogLevel__Default"] = "Information",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Storage__Path"] = Path.Combine(folder, "bot.db"),
                ["SEEDANCE_API_KEY"] = string.Empty,
            },
        };
        using var bot = Process.Start(start)!;
        var lines = new List<string>();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (lines.Count < 3 && await bot.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
            }
        }
        finally
        {
            bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync(TestContext.Current.CancellationToken);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        Assert.Equal(3, lines.Count);
        Assert.All(lines, line =>
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("Category", out _), line);
            Assert.True(entry.RootElement.TryGetProperty("Message", out _), line);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), line);
        });
    }
}
