using System.Diagnostics;
using System.Globalization;

namespace SeedanceBot.Benchmarks;

/// <summary>
/// The bot as the container image holds it: <c>dotnet publish -p:PublishAot=true</c> of src/SeedanceBot (the Dockerfile's
/// command), into the benchmark's own bin folder. Needs clang and zlib1g-dev, as the image's SDK stage has.
/// </summary>
internal static class AotPublish
{
    public static async Task<string> PublishAsync()
    {
        var root = BotProcess.RepositoryRoot();
        var output = Path.Combine(root, "tests", "SeedanceBot.Benchmarks", "bin", "aot");
        var start = new ProcessStartInfo("dotnet", ["publish", Path.Combine(root, "src", "SeedanceBot", "SeedanceBot.csproj"), "-c", "Release",
            "--use-current-runtime", "-p:PublishAot=true", "-o", output, "--nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The Native AOT publish failed (exit {process.ExitCode}; clang and zlib1g-dev installed?):\n{await log}\n{await errors}");
        }

        var executable = Path.Combine(output, "SeedanceBot");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Native AOT publish in {clock.Elapsed.TotalSeconds:F0} s: {new FileInfo(executable).Length / 1048576.0:F1} MB executable."));
        return executable;
    }
}
