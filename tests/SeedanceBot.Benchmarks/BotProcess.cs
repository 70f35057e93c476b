using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SeedanceBot.Benchmarks;

/// <summary>
/// A Release build of one of the product's executables (the bot, or the simulator alone as the ASP.NET Core floor)
/// started as its own process the way <c>dotnet run --project src/X</c> starts it (its apphost, the project folder as
/// the working directory and content root, so its appsettings.json applies) on a free loopback port, with the given runtime knobs as <c>DOTNET_*</c> environment
/// variables (they override the runtimeconfig.json), and nothing else that could change its configuration: no API key,
/// no chat tokens, no environment name. Its resident memory is read from <c>/proc/&lt;pid&gt;/status</c>.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private static readonly string[] Inherited = ["ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "SEEDANCE_API_KEY"];
    private readonly Process _process;

    private BotProcess(Process process, Uri address, HttpClient http)
    {
        _process = process;
        Address = address;
        Http = http;
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public TimeSpan ReadyAfter { get; private set; }

    /// <summary>
    /// Starts <paramref name="project"/>'s Release build (or <paramref name="executable"/>, e.g. its Native AOT publish,
    /// in the same working directory) and returns once <paramref name="readyPath"/> answers 200.
    /// </summary>
    public static async Task<BotProcess> StartAsync(string project, IReadOnlyDictionary<string, string> knobs, IEnumerable<string> arguments, string readyPath, string? executable = null)
    {
        var folder = Path.Combine(RepositoryRoot(), "src", project);
        var apphost = executable ?? Path.Combine(folder, "bin", "Release", "net10.0", project);
        if (!File.Exists(apphost))
        {
            throw new InvalidOperationException($"{apphost} is missing: run the benchmark with -c Release (it builds the bot).");
        }

        var port = FreePort();
        var start = new ProcessStartInfo(apphost)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--urls=http://127.0.0.1:{port}"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => Inherited.Contains(k, StringComparer.OrdinalIgnoreCase)
            || k.StartsWith("DOTNET_gc", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_Tiered", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("DOTNET_TC_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_GC", StringComparison.OrdinalIgnoreCase)
            || k.Equals("DOTNET_EnableWriteXorExecute", StringComparison.OrdinalIgnoreCase) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in knobs)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var bot = new BotProcess(process, address, new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) });
        try
        {
            await bot.WaitUntilAsync(readyPath, TimeSpan.FromSeconds(60));
            bot.ReadyAfter = clock.Elapsed;
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200 (the process is serving), failing if the process exits.</summary>
    private async Task WaitUntilAsync(string path, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The process exited with {_process.ExitCode} before {path} answered.");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{path} did not answer 200 within {limit}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>The kernel's figures for the process, in MB.</summary>
    public MemoryReading Read()
    {
        var fields = File.ReadAllLines($"/proc/{_process.Id}/status")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[1].TrimEnd().EndsWith(" kB", StringComparison.Ordinal))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1].Trim()[..^3], CultureInfo.InvariantCulture) / 1024.0, StringComparer.Ordinal);
        return new MemoryReading(fields["VmRSS"], fields.GetValueOrDefault("RssAnon"), fields.GetValueOrDefault("RssFile"), fields.GetValueOrDefault("RssShmem"), fields["VmHWM"]);
    }

    /// <summary>
    /// The settled reading: VmRSS sampled every 200 ms until ten samples in a row (2 s) lie within 1% of each other, then
    /// their median; if the process never settles within <paramref name="limit"/>, the median of the last ten.
    /// </summary>
    public async Task<(MemoryReading Reading, bool Settled)> SettleAsync(TimeSpan limit)
    {
        const int Window = 10;
        var samples = new List<MemoryReading>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            samples.Add(Read());
            var last = samples.TakeLast(Window).ToList();
            var settled = last.Count == Window && last.Max(s => s.Rss) - last.Min(s => s.Rss) <= last.Min(s => s.Rss) * 0.01;
            if (settled || clock.Elapsed > limit)
            {
                var median = last.OrderBy(s => s.Rss).ElementAt(last.Count / 2);
                return (median with { Peak = samples[^1].Peak }, settled);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SeedanceBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("SeedanceBot.sln not found above " + AppContext.BaseDirectory);
    }
}
