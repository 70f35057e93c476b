using BenchmarkDotNet.Running;
using SeedanceBot.Benchmarks;

// dotnet run -c Release --project tests/SeedanceBot.Benchmarks -- poller [10 100 500]
// dotnet run -c Release --project tests/SeedanceBot.Benchmarks -- quota
// dotnet run -c Release --project tests/SeedanceBot.Benchmarks -- parser
// dotnet run -c Release --project tests/SeedanceBot.Benchmarks -- ack [200 1000]
if (args is ["poller", .. var sizes])
{
    var counts = sizes.Length > 0 ? sizes.Select(int.Parse).ToArray() : [10, 100, 500];
    await PollerBenchmark.RunAsync(counts);
    return;
}

if (args is ["ack", .. var levels])
{
    await AckBenchmark.RunAsync(levels.Length > 0 ? [.. levels.Select(int.Parse)] : [200, 1000]);
    return;
}

string[] selected = args switch
{
    ["quota", .. var rest] => ["--filter", "*Quota*", .. rest],
    ["parser", .. var rest] => ["--filter", "*Parser*", .. rest],
    _ => args,
};
BenchmarkSwitcher.FromAssembly(typeof(QuotaReservationBenchmark).Assembly).Run(selected);
