namespace SeedanceBot;

/// <summary>
/// <c>SeedanceBot --healthcheck[=url]</c>: asks a running bot's <c>/healthz</c> and exits 0 (healthy) or 1, so a
/// container's HEALTHCHECK needs no curl. Without a URL it uses the first of <c>ASPNETCORE_URLS</c> / <c>URLS</c> on
/// the loopback address, else <c>http://127.0.0.1:8080</c>.
/// </summary>
internal static class HealthProbe
{
    public const string Switch = "--healthcheck";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static bool Requested(string[] args) => args.Any(a => a == Switch || a.StartsWith(Switch + "=", StringComparison.Ordinal));

    public static async Task<int> RunAsync(string[] args)
    {
        var target = Target(args);
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient();
        http.Timeout = Timeout;
        try
        {
            using var response = await http.GetAsync(target);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"unhealthy: {target} did not answer ({ex.GetType().Name})");
            return 1;
        }
    }

    internal static Uri Target(string[] args)
    {
        var given = args.FirstOrDefault(a => a.StartsWith(Switch + "=", StringComparison.Ordinal))?[(Switch.Length + 1)..];
        if (Uri.TryCreate(given, UriKind.Absolute, out var explicitUrl))
        {
            return explicitUrl;
        }

        var listen = (Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? Environment.GetEnvironmentVariable("URLS") ?? "http://127.0.0.1:8080")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? "http://127.0.0.1:8080";
        var port = listen.LastIndexOf(':') is var colon and > 6 && int.TryParse(listen[(colon + 1)..].TrimEnd('/'), out var p) ? p : 80;
        return new Uri($"http://127.0.0.1:{port}/healthz");
    }
}
