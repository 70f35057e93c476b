using BenchmarkDotNet.Running;
using SeedanceBot.Benchmarks;

// dotnet run -c Release --project tests/SeedanceBot.Benchmarks -- poller [10 100 500]
// dotnet run -c Release --project tests/SeedanceBot.Benchmarks -- quota
if (args is ["poller", .. var sizes])
{
    var counts = sizes.Length > 0 ? sizes.Select(int.Parse).ToArray() : [10, 100, 500];
    await PollerBenchmark.RunAsync(counts);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(QuotaReservationBenchmark).Assembly).Run(args is ["quota", .. var rest] ? ["--filter", "*Quota*", .. rest] : args);
