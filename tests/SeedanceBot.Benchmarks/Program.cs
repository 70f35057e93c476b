using BenchmarkDotNet.Running;
using SeedanceBot.Benchmarks;

// dotnet run -c Release --project tests/SeedanceBot.Benchmarks -- poller [10 100 500]
// dotnet run -c Release --project tests/SeedanceBot.Benchmarks -- quota [0 10000 100000]
// dotnet run -c Release --project tests/SeedanceBot.Benchmarks -- quota-postgres [0 10000]
// dotnet run -c Release --project tests/SeedanceBot.Benchmarks -- --filter *Quota*   (the same under BenchmarkDotNet)
// dotnet run -c Release --project tests/SeedanceBot.Benchmarks -- parser
// dotnet run -c Release --project tests/SeedanceBot.Benchmarks -- ack [200 1000]
// dotnet run -c Release --project tests/SeedanceBot.Benchmarks -- ack-postgres [200 1000]
// dotnet run -c Release --project tests/SeedanceBot.Benchmarks -- memory [10000]
if (args is ["poller", .. var sizes])
{
    var counts = sizes.Length > 0 ? sizes.Select(int.Parse).ToArray() : [10, 100, 500];
    await PollerBenchmark.RunAsync(counts);
    return;
}

if (args is [var ack and ("ack" or "ack-postgres"), .. var levels])
{
    await AckBenchmark.RunAsync(levels.Length > 0 ? [.. levels.Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))] : [200, 1000], postgres: ack == "ack-postgres");
    return;
}

if (args is ["memory", .. var jobs])
{
    await MemoryBenchmark.RunAsync(jobs is [var n, ..] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 10_000);
    return;
}

if (args is ["quota-postgres", .. var priorRows])
{
    int[] counts = priorRows.Length > 0 ? [.. priorRows.Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))] : [0, 10_000];
    await QuotaPostgresRun.RunAsync(counts);
    return;
}

if (args is ["quota", .. var priorJobs])
{
    int[] counts = priorJobs.Length > 0 ? [.. priorJobs.Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))] : [0, 10_000, 100_000];
    await QuotaHistoryRun.RunAsync(counts);
    return;
}

string[] selected = args switch
{
    ["parser", .. var rest] => ["--filter", "*Parser*", .. rest],
    _ => args,
};
BenchmarkSwitcher.FromAssembly(typeof(QuotaReservationBenchmark).Assembly).Run(selected);
