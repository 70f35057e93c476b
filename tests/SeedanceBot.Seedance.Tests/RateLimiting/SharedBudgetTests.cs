using Microsoft.Extensions.DependencyInjection;
using SeedanceBot.Core.Video;
using SeedanceBot.Simulator;
using SeedanceBot.Testing.Fakes;

namespace SeedanceBot.Seedance.Tests.RateLimiting;

/// <summary>Two replicas' clients (two gates) against one simulator: with the shared budget their requests together stay within each server window.</summary>
public sealed class SharedBudgetTests
{
    [Fact]
    public async Task TwoReplicas_BurstsOfCallersOnBoth_StayWithinEachWindowTogether_No429()
    {
        var budget = new InMemoryRequestBudget();
        void Shared(IServiceCollection services) => services.AddSingleton<IRequestBudget>(budget);
        await using var a = await SeedanceTestHost.StartAsync(new SimulatorOptions { ApiKeys = SeedanceTestHost.ApiKey, RequestsPerMinute = 10 }, configure: Shared);
        await using var b = await SeedanceTestHost.StartAsync(shared: a, configure: Shared);

        // Both learn the window first, then each fires a burst bigger than what is left of it.
        await a.DriveAsync(a.Client.GetBalanceAsync(CancellationToken.None));
        await b.DriveAsync(b.Client.GetBalanceAsync(CancellationToken.None));
        var calls = Enumerable.Range(0, 40)
            .Select(i => (i % 2 == 0 ? a : b).Client.GetBalanceAsync(CancellationToken.None).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default))
            .ToList();
        var results = await a.DriveAsync(Task.WhenAll(calls), stepSeconds: 0.5);

        Assert.All(results, Assert.True);
        Assert.DoesNotContain(a.Simulator.Requests, r => r.StatusCode == 429);
        var perWindow = a.Simulator.Requests.GroupBy(r => r.ReceivedAt.ToUnixTimeSeconds() / 60).Select(g => g.Count());
        Assert.All(perWindow, count => Assert.InRange(count, 1, 10));
    }
}
