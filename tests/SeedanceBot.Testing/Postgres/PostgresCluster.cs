using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace SeedanceBot.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster for one test run (an xunit assembly fixture): <c>initdb</c> in a temp folder,
/// <c>pg_ctl start</c> on a free loopback port with its socket in that folder, durability off (a test database need
/// not survive a power cut), stopped and deleted on dispose. As root the server runs as the <c>postgres</c> OS user,
/// which owns the folder. Tests take a fresh database each (<see cref="CreateDatabaseAsync"/>). Where no server
/// binaries exist, <see cref="SkipReason"/> says so and <see cref="SkipUnlessAvailable"/> skips the test with it.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    /// <summary>Overrides where the server binaries are (a folder holding initdb, pg_ctl and postgres).</summary>
    public const string BinariesVariable = "SEEDANCEBOT_POSTGRES_BIN";

    private const string OsUser = "postgres";

    private string? _folder;
    private string? _binaries;
    private bool _asRoot;
    private int _port;
    private NpgsqlDataSource? _admin;
    private int _databases;

    /// <summary>
    /// Durable commits (fsync on, synchronous commit), as a production server runs; off by default, since tests only
    /// need a correct server and a throwaway one need not survive a power cut. Benchmarks set it.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>Why the cluster's tests are skipped (no binaries here), or null when it runs.</summary>
    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        _binaries = FindBinaries();
        if (_binaries is null)
        {
            SkipReason = $"No PostgreSQL server binaries (initdb, pg_ctl) in ${BinariesVariable} or /usr/lib/postgresql/*/bin: install the Debian package postgresql (.ci/run does) to run these tests.";
            return;
        }

        _asRoot = Environment.UserName == "root";
        if (_asRoot && await TryRunAsync("id", ["-u", OsUser]) is null)
        {
            SkipReason = $"Running as root, and there is no '{OsUser}' OS user to run the PostgreSQL server as (initdb refuses root).";
            return;
        }

        _folder = Path.Combine(Path.GetTempPath(), "seedancebot-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_folder);
        if (_asRoot)
        {
            await RunAsync("chown", [OsUser + ":", _folder], asOsUser: false);
        }

        var data = Path.Combine(_folder, "data");
        await RunAsync(Path.Combine(_binaries, "initdb"), ["-D", data, "--username=postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"], asOsUser: true);
        for (var attempt = 1; ; attempt++)
        {
            _port = FreePort();
            var durability = Durable ? string.Empty : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            var settings = string.Create(CultureInfo.InvariantCulture, $"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1{durability} -c max_connections=400");
            try
            {
                await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o", settings, "start"], asOsUser: true);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between choosing and binding it: choose again.
            }
        }

        _admin = NpgsqlDataSource.Create(ConnectionString("postgres"));
    }

    /// <summary>Skips the calling test, with the reason, where the cluster cannot run here.</summary>
    public void SkipUnlessAvailable() => Assert.SkipWhen(SkipReason is not null, SkipReason ?? string.Empty);

    /// <summary>A connection string to <paramref name="database"/> on this cluster (trusting loopback; no password).</summary>
    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Maximum Pool Size=32;Timeout=30;Command Timeout=60");

    /// <summary>A new, empty database; returns its connection string. Skips the test where the cluster cannot run.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        SkipUnlessAvailable();
        var name = string.Create(CultureInfo.InvariantCulture, $"test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}");
        await using var command = _admin!.CreateCommand($"CREATE DATABASE {name}");
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        if (_folder is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await TryRunAsync(Path.Combine(_binaries!, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], asOsUser: true);
        Directory.Delete(_folder, recursive: true);
    }

    private static string? FindBinaries()
    {
        static bool Has(string folder) => File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));
        if (Environment.GetEnvironmentVariable(BinariesVariable) is { Length: > 0 } configured)
        {
            return Has(configured) ? configured : null;
        }

        const string root = "/usr/lib/postgresql";
        return Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(v => (Version: int.TryParse(Path.GetFileName(v), CultureInfo.InvariantCulture, out var n) ? n : 0, Bin: Path.Combine(v, "bin")))
                .Where(v => v.Version >= 15 && Has(v.Bin))
                .OrderByDescending(v => v.Version)
                .Select(v => v.Bin)
                .FirstOrDefault()
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<string?> TryRunAsync(string file, string[] arguments, bool asOsUser = false)
    {
        try
        {
            return await RunAsync(file, arguments, asOsUser);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Runs a program to its end (as the postgres OS user when running as root); its output, or an exception holding it.</summary>
    private async Task<string> RunAsync(string file, string[] arguments, bool asOsUser)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asOsUser && _asRoot)
        {
            start.FileName = "runuser";
            foreach (var argument in new[] { "-u", OsUser, "--", file })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = file;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = _folder is not null && File.Exists(Path.Combine(_folder, "server.log")) ? File.ReadAllText(Path.Combine(_folder, "server.log")) : string.Empty;
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}{log}");
        }

        return (await output).Trim();
    }
}
