using Microsoft.Extensions.Options;
using SeedanceBot.ModelArk.Http;
using SeedanceBot.Testing.Fakes;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.ModelArk.Tests.Http;

/// <summary>The requests-per-minute gate with a budget shared by replicas: a minute the other replicas spent is waited out.</summary>
public sealed class ArkRequestGateSharedTests
{
    [Fact]
    public async Task WaitAsync_MinuteSpentByOtherReplicas_WaitsForTheNextMinuteAndTakesFromIt()
    {
        var time = FakeClock.Create();
        var budget = new InMemoryRequestBudget();
        var minuteEnd = time.GetUtcNow() + TimeSpan.FromMinutes(1);
        for (var i = 0; i < 3; i++)
        {
            await budget.TryTakeAsync(ArkRequestGate.Bucket, minuteEnd, 3, TestContext.Current.CancellationToken);
        }

        var gate = new ArkRequestGate(Options.Create(new ModelArkOptions { RequestsPerMinute = 3 }), time, budget);
        var wait = gate.WaitAsync(TestContext.Current.CancellationToken);
        await FakeClock.SettleAsync();
        time.Advance(TimeSpan.FromSeconds(59));
        await FakeClock.SettleAsync();
        Assert.False(wait.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(1, budget.Used(ArkRequestGate.Bucket, minuteEnd + TimeSpan.FromMinutes(1)));
    }
}
